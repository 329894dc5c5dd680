//! Company logos: cleaning uploads ([`process`]) and keeping the clean PNGs in an object store —
//! a folder under the data dir by default, or an S3-compatible bucket. Objects are named by the
//! SHA-256 of their bytes, so a name never comes from the visitor and identical logos share one
//! object.

pub mod process;

use std::{path::Path, sync::Arc, time::Duration};

use bytes::Bytes;
use object_store::{
    ClientOptions, ObjectStore, ObjectStoreExt, PutPayload, RetryConfig, aws::AmazonS3Builder,
    local::LocalFileSystem, path,
};
use serde::{Deserialize, Serialize};

use crate::secret::Secret;

/// Where logos are kept.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogoSettings {
    /// Largest upload in bytes.
    pub max_bytes: u64,
    /// Uploads cleaned at once (each may hold the decoder's memory cap, 64 MiB).
    pub image_permits: usize,
    /// Uploads that may wait for a permit; past that, `503` at once.
    pub image_queue: usize,
    /// Upload bodies read at once (each held in memory up to `max_bytes`): with the image
    /// permits, what bounds the memory uploads take, however many arrive.
    pub upload_permits: usize,
    /// Uploads that may wait, unread, for a body permit; past that, `503` at once.
    pub upload_queue: usize,
    /// `local` (under `data_dir/logos`) or `s3`.
    pub backend: Backend,
    /// S3 endpoint, such as `http://127.0.0.1:9000` (MinIO) or `https://s3.eu-north-1.amazonaws.com`.
    pub s3_endpoint: String,
    /// S3 bucket.
    pub s3_bucket: String,
    /// S3 region.
    pub s3_region: String,
    /// S3 access key id; when unset, `AWS_ACCESS_KEY_ID` is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_access_key_id: Option<String>,
    /// S3 secret key; when unset, `AWS_SECRET_ACCESS_KEY` is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_secret_access_key: Option<Secret>,
}

/// The storage backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    /// Files under the data folder.
    #[default]
    Local,
    /// An S3-compatible bucket; credentials from `AWS_ACCESS_KEY_ID` and
    /// `AWS_SECRET_ACCESS_KEY`.
    S3,
}

impl LogoSettings {
    /// The size limit, and a bucket for the S3 backend.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        if !(1024..=64 * 1024 * 1024).contains(&self.max_bytes) {
            return Err(("logos.max_bytes", "must be between 1 KiB and 64 MiB".into()));
        }
        if self.backend == Backend::S3 && self.s3_bucket.trim().is_empty() {
            return Err((
                "logos.s3_bucket",
                "must name a bucket for the s3 backend".into(),
            ));
        }
        Ok(())
    }
}

impl Default for LogoSettings {
    fn default() -> Self {
        LogoSettings {
            max_bytes: 2 * 1024 * 1024,
            image_permits: 2,
            image_queue: 8,
            upload_permits: 8,
            upload_queue: 32,
            backend: Backend::Local,
            s3_endpoint: String::new(),
            s3_bucket: "logos".into(),
            s3_region: "us-east-1".into(),
            s3_access_key_id: None,
            s3_secret_access_key: None,
        }
    }
}

/// The logo store.
#[derive(Debug, Clone)]
pub struct LogoStore {
    store: Arc<dyn ObjectStore>,
}

/// A storage failure (the store is unreachable or refused).
#[derive(Debug, thiserror::Error)]
#[error("logo storage: {0}")]
pub struct StoreError(#[from] object_store::Error);

impl LogoStore {
    /// Opens the configured backend (`data_dir/logos` for the local one, created when missing).
    pub fn open(settings: &LogoSettings, data_dir: &Path) -> Result<LogoStore, String> {
        let store: Arc<dyn ObjectStore> = match settings.backend {
            Backend::Local => {
                let dir = data_dir.join("logos");
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                Arc::new(LocalFileSystem::new_with_prefix(&dir).map_err(|e| e.to_string())?)
            }
            Backend::S3 => {
                // Fail fast when the storage is down (the upload or logo answers 503 and the
                // site recovers by itself), instead of retrying for minutes.
                let retry = RetryConfig {
                    max_retries: 2,
                    retry_timeout: Duration::from_secs(5),
                    ..RetryConfig::default()
                };
                let client = ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(2))
                    .with_timeout(Duration::from_secs(15));
                let mut builder = AmazonS3Builder::from_env()
                    .with_bucket_name(&settings.s3_bucket)
                    .with_region(&settings.s3_region)
                    .with_retry(retry)
                    .with_client_options(client);
                if let Some(key) = &settings.s3_access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = &settings.s3_secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose());
                }
                if !settings.s3_endpoint.is_empty() {
                    builder = builder
                        .with_endpoint(&settings.s3_endpoint)
                        .with_allow_http(settings.s3_endpoint.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                Arc::new(builder.build().map_err(|e| e.to_string())?)
            }
        };
        Ok(LogoStore { store })
    }

    fn path(hash: &str) -> path::Path {
        path::Path::from(format!("{hash}.png"))
    }

    /// Stores a clean PNG under its hash (atomically: the local backend writes a temporary
    /// file and renames it, S3 makes an object visible only once complete).
    pub async fn put(&self, hash: &str, png: Vec<u8>) -> Result<(), StoreError> {
        self.store
            .put(&Self::path(hash), PutPayload::from(png))
            .await?;
        Ok(())
    }

    /// The PNG stored under `hash`; `None` when there is none.
    pub async fn get(&self, hash: &str) -> Result<Option<Bytes>, StoreError> {
        match self.store.get(&Self::path(hash)).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Deletes the object (no error when it is already gone).
    pub async fn delete(&self, hash: &str) -> Result<(), StoreError> {
        match self.store.delete(&Self::path(hash)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Whether the storage answers (a missing probe object is an answer).
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self.store.head(&path::Path::from("readyz-probe")).await {
            Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The names of every stored object (for tests and checks).
    pub async fn list(&self) -> Result<Vec<String>, StoreError> {
        use futures_util::TryStreamExt;
        let objects: Vec<_> = self.store.list(None).try_collect().await?;
        Ok(objects
            .into_iter()
            .map(|o| o.location.to_string())
            .collect())
    }
}
