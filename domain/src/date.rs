//! Calendar dates from front matter (`2019-01-19` or `2019-01-19T20:06:16+01:00`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::lang::Lang;

/// A calendar date; the time of day in Hugo's dates is not shown, so it is not kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PageDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a date could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a date like 2019-01-19 or 2019-01-19T20:06:16+01:00")]
pub struct DateError(pub String);

impl PageDate {
    /// Parses `YYYY-MM-DD`, optionally followed by `T` or a space and a time (ignored).
    pub fn parse(input: &str) -> Result<PageDate, DateError> {
        let err = || DateError(input.to_owned());
        let s = input.trim();
        let Some(date) = s.get(..10) else {
            return Err(err());
        };
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with('T') || rest.starts_with(' ')) {
            return Err(err());
        }
        let bytes = date.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(err());
        }
        let num = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &date[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let (year, month, day) = (num(0..4), num(5..7), num(8..10));
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            return Err(err());
        };
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(err());
        }
        Ok(PageDate {
            year,
            month: month as u8,
            day: day as u8,
        })
    }

    /// The date written out for readers of `lang` ("19 January 2019", "19 januari 2019").
    pub fn long(self, lang: Lang) -> String {
        let month = super::i18n::strings(lang).site.months[usize::from(self.month - 1)];
        format!("{} {} {}", self.day, month, self.year)
    }
}

impl PageDate {
    /// Days since 1970-01-01 (the day numbers the consent statistics are counted by).
    pub fn days(self) -> i64 {
        // Howard Hinnant's days-from-civil.
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01 (years outside 0..=9999 are clamped).
    pub fn from_days(days: i64) -> PageDate {
        let days = days.clamp(-719_468, 2_932_896);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        PageDate {
            year: u16::try_from(year).unwrap_or_default(),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }
}

impl fmt::Display for PageDate {
    /// ISO 8601, as used in `<time datetime>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: u16, month: u16) -> u16 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hugo_dates() {
        let d = PageDate::parse("2019-01-19T20:06:16+01:00").expect("valid");
        assert_eq!(d.to_string(), "2019-01-19");
        assert_eq!(
            PageDate::parse("2024-02-29").expect("leap day").to_string(),
            "2024-02-29"
        );
        assert_eq!(
            PageDate::parse(" 2020-12-31 10:00 ")
                .expect("space time")
                .to_string(),
            "2020-12-31"
        );
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "2019",
            "2019-1-19",
            "2019-13-01",
            "2019-00-10",
            "2023-02-29",
            "2019-04-31",
            "2019-01-19X",
            "yesterday",
            "२०१९-०१-१९",
            "2019-01-1é",
        ] {
            assert!(PageDate::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn writes_the_date_in_each_language() {
        let d = PageDate::parse("2019-01-19").expect("valid");
        assert_eq!(d.long(Lang::En), "19 January 2019");
        assert_eq!(d.long(Lang::Sv), "19 januari 2019");
    }

    #[test]
    fn day_numbers_go_both_ways() {
        assert_eq!(PageDate::from_days(0).to_string(), "1970-01-01");
        assert_eq!(PageDate::from_days(20_454).to_string(), "2026-01-01");
        for text in ["2024-02-29", "2000-03-01", "1999-12-31", "2026-12-05"] {
            let date = PageDate::parse(text).expect("date");
            assert_eq!(PageDate::from_days(date.days()), date, "{text}");
        }
        assert_eq!(PageDate::parse("2026-01-01").expect("date").days(), 20_454);
    }
}
