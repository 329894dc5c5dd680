//! An S3-compatible server for the tests: moto's, started on a loopback port.

use std::process::{Child, Command, Stdio};

/// An S3-compatible server (moto) on a free loopback port, stopped on drop.
pub struct Moto {
    child: Child,
    /// Its URL.
    pub endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts moto on a free port, with a `logos` bucket.
pub async fn start_moto() -> Moto {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("port")
        .local_addr()
        .expect("addr")
        .port();
    start_moto_on(port).await
}

/// Starts moto on `port`, with a `logos` bucket.
pub async fn start_moto_on(port: u16) -> Moto {
    let binary = std::env::var("MOTO_SERVER").unwrap_or_else(|_| "moto_server".into());
    let child = Command::new(&binary)
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("the S3 test needs `{binary}` (pip install 'moto[server]'): {e}")
        });
    let endpoint = format!("http://127.0.0.1:{port}");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client.get(&endpoint).send().await.is_ok() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let created = client
        .put(format!("{endpoint}/logos"))
        .send()
        .await
        .expect("create bucket");
    assert!(
        created.status().is_success(),
        "bucket: {}",
        created.status()
    );
    Moto { child, endpoint }
}
