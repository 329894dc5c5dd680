//! Password hashing (Argon2id at OWASP's parameters, on the blocking pool) and the check
//! against the list of common passwords shipped with the project.

use std::{collections::HashSet, sync::LazyLock};

use argon2::{
    Algorithm, Argon2, Params, Version,
    password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng},
};
use domain::account::{Problem, check_password_length};

use crate::permits::Permits;

/// OWASP's Argon2id recommendation: 19 MiB of memory, 2 iterations, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const ITERATIONS: u32 = 2;
const LANES: u32 = 1;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/common-passwords.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

fn argon2() -> Argon2<'static> {
    // The parameters are constants within Argon2's limits.
    let params = Params::new(MEMORY_KIB, ITERATIONS, LANES, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Whether the password is too common: on the list as typed or in lower case, on the list once
/// trailing digits and symbols are cut off (`password2024!`), or one short piece repeated.
pub fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return true;
    }
    let stem = lower.trim_end_matches(|c: char| !c.is_alphabetic());
    if stem.chars().count() >= 4 && COMMON.contains(stem) {
        return true;
    }
    let chars: Vec<char> = lower.chars().collect();
    (1..=chars.len() / 2).any(|unit| {
        chars.len().is_multiple_of(unit) && chars.chunks(unit).all(|c| c == &chars[..unit])
    })
}

/// Checks a new password: length, then the common list.
pub fn check_new_password(password: &str) -> Result<(), Problem> {
    check_password_length(password)?;
    if is_common(password) {
        return Err(Problem::CommonPassword);
    }
    Ok(())
}

/// The hash verified when the account does not exist, so that a failed login costs the same
/// either way: Argon2id at the parameters every new hash gets (a test checks), of a random
/// password nobody kept. A known account never uses it, and for an unknown one the answer is
/// "no" whatever matches. A constant rather than a hash made at start-up: hashing takes 19 MiB,
/// which the allocator would otherwise keep from the first second on.
const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$33ILHpAGA9Yil0kjn4b1yg$pdDrFplRC1dlqt/Xk9EJEqgjkZKdcK5t34BbFB1RbPs";

/// Hashes and verifies passwords off the async workers, a few at a time (each hash takes
/// 19 MiB, so the number running at once bounds the memory), with a bounded queue.
#[derive(Debug, Clone)]
pub struct Hasher {
    permits: Permits,
}

/// Hashing failed (a bug or the blocking pool gone), or too many hashes are waiting: treated
/// as a server error (`503`).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed or too busy")]
pub struct HashError;

impl Hasher {
    /// A hasher allowing `parallel` hashes at once and `queue` more waiting.
    pub fn new(parallel: usize, queue: usize) -> Result<Hasher, HashError> {
        Ok(Hasher {
            permits: Permits::new(parallel, queue),
        })
    }

    /// The PHC string of `password`'s Argon2id hash.
    pub async fn hash(&self, password: &str) -> Result<String, HashError> {
        let _permit = self.permits.acquire().await.map_err(|_| HashError)?;
        let password = password.to_owned();
        tokio::task::spawn_blocking(move || hash_now(&password))
            .await
            .map_err(|_| HashError)?
    }

    /// Whether `password` matches `hash`; with no hash (unknown account) the dummy is checked
    /// and the answer is `false`.
    pub async fn verify(&self, password: &str, hash: Option<&str>) -> Result<bool, HashError> {
        let _permit = self.permits.acquire().await.map_err(|_| HashError)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or(DUMMY).to_owned();
        let password = password.to_owned();
        let matches = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&hash)
                .map(|parsed| {
                    argon2()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .map_err(|_| HashError)?;
        Ok(known && matches)
    }
}

fn hash_now(password: &str) -> Result<String, HashError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| HashError)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unknown-account check costs what a real one does: the dummy has today's parameters.
    #[test]
    fn the_dummy_hash_has_the_parameters_of_new_hashes() {
        let dummy = PasswordHash::new(DUMMY).expect("a PHC string");
        let fresh = hash_now("correct horse battery staple").expect("hash");
        let fresh = PasswordHash::new(&fresh).expect("a PHC string");
        assert_eq!(dummy.algorithm, fresh.algorithm);
        assert_eq!(dummy.version, fresh.version);
        assert_eq!(dummy.params, fresh.params);
        assert_eq!(dummy.hash.map(|h| h.len()), fresh.hash.map(|h| h.len()));
    }

    #[test]
    fn common_passwords_are_refused() {
        for common in [
            "qazwsxedcrfv",
            "1qaz2wsx3edc",
            "Password2024!",
            "sunshine12345678",
            "aaaaaaaaaaaa",
            "abcabcabcabc",
            "123456654321",
        ] {
            assert_eq!(
                check_new_password(common),
                Err(Problem::CommonPassword),
                "{common}"
            );
        }
        assert_eq!(check_new_password("short"), Err(Problem::TooShort));
        assert_eq!(check_new_password("correct horse battery staple"), Ok(()));
        assert_eq!(check_new_password("Tåg-till-Kiruna-1999"), Ok(()));
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hasher = Hasher::new(2, 8).expect("hasher");
        let hash = hasher
            .hash("correct horse battery staple")
            .await
            .expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            hasher
                .verify("correct horse battery staple", Some(&hash))
                .await
                .expect("verify")
        );
        assert!(!hasher.verify("wrong", Some(&hash)).await.expect("verify"));
        assert!(
            !hasher
                .verify("correct horse battery staple", None)
                .await
                .expect("verify"),
            "no account, no match"
        );
        assert!(
            !hasher
                .verify("x", Some("not a hash"))
                .await
                .expect("verify")
        );
    }
}
