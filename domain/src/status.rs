//! The APIs' health as the status page shows it: each API's current state and its uptime per
//! day. Plain data, read from the checks the server keeps.

use serde::{Deserialize, Serialize};

/// How many days of uptime the status page draws.
pub const DAYS_SHOWN: usize = 90;

/// An API's state after its last check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ApiState {
    /// The last check got an answer (`2xx` or `3xx`) in time.
    Up,
    /// The last check got an error status, no answer, or none in time.
    Down,
    /// Not checked yet.
    Unknown,
}

impl ApiState {
    /// `up`, `down`, `unknown`.
    pub fn id(self) -> &'static str {
        match self {
            ApiState::Up => "up",
            ApiState::Down => "down",
            ApiState::Unknown => "unknown",
        }
    }
}

/// One day's checks of one API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct UptimeDay {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    /// Checks made.
    pub checks: i64,
    /// Checks that found it up.
    pub ups: i64,
}

impl UptimeDay {
    /// The share of checks that found it up, in hundredths of a percent (`9995` = 99.95 %);
    /// `None` without checks. Whole numbers, so no float reaches a page or the browser.
    pub fn basis_points(&self) -> Option<i64> {
        (self.checks > 0).then(|| self.ups * 10_000 / self.checks)
    }
}

/// Hundredths of a percent as text: `99.95 %` (English) or `99,95 %` (Swedish).
pub fn percent(basis_points: i64, decimal: char) -> String {
    format!("{}{decimal}{:02} %", basis_points / 100, basis_points % 100)
}

/// One API on the status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiHealth {
    /// Its page's key (`apis/jobsearch`), the same in every language.
    pub key: String,
    /// Its state now.
    pub state: ApiState,
    /// When it entered that state (Unix seconds), if known.
    pub since: Option<i64>,
    /// When it was last checked (Unix seconds).
    pub checked_at: Option<i64>,
    /// The last answer's status, if one came.
    pub http_status: Option<i64>,
    /// How long the last check took, in milliseconds.
    pub millis: Option<i64>,
    /// The days with checks among the last [`DAYS_SHOWN`], oldest first.
    pub days: Vec<UptimeDay>,
}

impl ApiHealth {
    /// The share of all checks in its days that found it up (hundredths of a percent).
    pub fn uptime(&self) -> Option<i64> {
        let (checks, ups) = self
            .days
            .iter()
            .fold((0, 0), |(c, u), d| (c + d.checks, u + d.ups));
        UptimeDay {
            day: 0,
            checks,
            ups,
        }
        .basis_points()
    }
}

/// Every checked API, for the status page (provided to it as context).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusReport {
    /// When the report was read (Unix seconds).
    pub now: i64,
    /// The APIs, in the order of their pages.
    pub apis: Vec<ApiHealth>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uptime_in_whole_hundredths() {
        let day = |checks, ups| UptimeDay {
            day: 1,
            checks,
            ups,
        };
        assert_eq!(day(0, 0).basis_points(), None);
        assert_eq!(day(2000, 1999).basis_points(), Some(9995));
        assert_eq!(day(3, 2).basis_points(), Some(6666));
        assert_eq!(percent(9995, '.'), "99.95 %");
        assert_eq!(percent(10_000, ','), "100,00 %");
        assert_eq!(percent(705, ','), "7,05 %");
        let api = ApiHealth {
            key: "apis/x".into(),
            state: ApiState::Up,
            since: None,
            checked_at: None,
            http_status: None,
            millis: None,
            days: vec![day(100, 100), day(100, 50)],
        };
        assert_eq!(api.uptime(), Some(7500));
    }
}
