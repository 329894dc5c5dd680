//! `[accounts]`: session lifetimes and the limits on logins, registrations and mail.

use serde::{Deserialize, Serialize};

/// Company accounts: session lifetimes and brute-force limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountSettings {
    /// A session ends after this many minutes without a request.
    pub idle_minutes: u64,
    /// A session ends this many hours after login, however active.
    pub absolute_hours: u64,
    /// Failed logins allowed per account within the window.
    pub login_failures_per_account: u32,
    /// Failed logins allowed per masked IP address within the window.
    pub login_failures_per_ip: u32,
    /// The window for failed logins, in minutes.
    pub failure_window_minutes: u64,
    /// Registrations allowed per masked IP address and hour.
    pub registrations_per_ip_per_hour: u32,
    /// Failed logins allowed per account from all addresses together within the window: a
    /// ceiling against guessing spread over many addresses. Far above the per-address limit,
    /// so one stranger cannot lock the owner out.
    pub login_failures_per_account_total: u32,
    /// Password hashes computed at once (each takes 19 MiB and one core for ~50 ms).
    pub hash_permits: usize,
    /// Logins and registrations that may wait for a hashing permit; past that, `503` at once.
    pub hash_queue: usize,
    /// How often expired sessions and old attempt records are deleted, in seconds.
    pub purge_interval_seconds: u64,
    /// Password reset links asked for one address per hour.
    pub reset_requests_per_address_per_hour: u32,
    /// Password reset links asked for from one (masked) client address per hour.
    pub reset_requests_per_ip_per_hour: u32,
    /// Verification links sent per account and hour (sending again, changing the address).
    pub verification_mails_per_account_per_hour: u32,
}

impl AccountSettings {
    /// Every duration and limit is at least 1.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        let positive = [
            self.idle_minutes,
            self.absolute_hours,
            self.failure_window_minutes,
            self.purge_interval_seconds,
            u64::from(self.login_failures_per_account),
            u64::from(self.login_failures_per_ip),
            u64::from(self.registrations_per_ip_per_hour),
            u64::from(self.login_failures_per_account_total),
            self.hash_permits as u64,
            self.hash_queue as u64,
            u64::from(self.reset_requests_per_address_per_hour),
            u64::from(self.reset_requests_per_ip_per_hour),
            u64::from(self.verification_mails_per_account_per_hour),
        ];
        if positive.contains(&0) {
            return Err((
                "accounts",
                "every duration and limit must be at least 1".into(),
            ));
        }
        Ok(())
    }
}

impl Default for AccountSettings {
    fn default() -> Self {
        AccountSettings {
            idle_minutes: 30,
            absolute_hours: 8,
            login_failures_per_account: 5,
            login_failures_per_ip: 20,
            failure_window_minutes: 15,
            registrations_per_ip_per_hour: 10,
            login_failures_per_account_total: 100,
            hash_permits: 2,
            hash_queue: 32,
            purge_interval_seconds: 300,
            reset_requests_per_address_per_hour: 3,
            reset_requests_per_ip_per_hour: 10,
            verification_mails_per_account_per_hour: 3,
        }
    }
}
