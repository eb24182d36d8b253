//! Dates and times as a Comune writes them: instants in Europe/Rome (a submission received at
//! 12:00:30 is late for a 12:00 deadline), calendar dates, and times of day for sessions.

use std::fmt;
use std::sync::LazyLock;

use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

static ROME: LazyLock<TimeZone> = LazyLock::new(|| {
    // The time zone database is built into the binary (jiff's tzdb-bundle-always), so this
    // lookup does not depend on the machine; the fixed offset is only a last resort.
    TimeZone::get("Europe/Rome").unwrap_or_else(|_| TimeZone::fixed(Offset::constant(1)))
});

/// Why a text is not a date or a time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{text}» non è {what}: {example}")]
pub struct TimeError {
    pub text: String,
    pub what: &'static str,
    pub example: &'static str,
}

/// An instant, shown and written in Europe/Rome time with its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(Timestamp);

/// Why a time on Rome's clock names no single instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RomeGap {
    /// Skipped when the clocks go forward (02:30 on the last Sunday of March).
    Missing,
    /// Lived twice when the clocks go back (02:30 on the last Sunday of October): summer time
    /// (+02:00) first, then winter time (+01:00).
    Twice,
}

impl RomeGap {
    /// Why, in a sentence that continues «"…" …».
    pub fn explain(self) -> &'static str {
        match self {
            RomeGap::Missing => {
                "non esiste nell'ora di Roma: quella notte gli orologi passano dalle 02:00 alle 03:00"
            }
            RomeGap::Twice => {
                "a Roma c'è due volte, prima nell'ora legale e poi in quella solare: va indicato quale, con lo scostamento (+02:00 per la legale, +01:00 per la solare)"
            }
        }
    }
}

/// "2026-03-02" followed by a time of day ("T10:15", " 10:15:30"), at least hours and minutes.
fn has_time_of_day(text: &str) -> bool {
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    b.len() >= 16
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
}

impl Moment {
    /// "2026-03-02T10:15:00+01:00", or without the offset ("2026-03-02T10:15"), which is then
    /// read as Rome's local time. The time of day is required: a deadline "2026-03-05" read as
    /// midnight would exclude every application of that morning. A time Rome's clock skips is
    /// refused, and one it shows twice must say its offset.
    pub fn parse(text: &str) -> Result<Moment, TimeError> {
        let error = |example| TimeError {
            text: text.to_string(),
            what: "una data e ora valida",
            example,
        };
        const HOW: &str =
            "si scrive come \"2026-03-02T10:15:00+01:00\" oppure \"2026-03-02T10:15\"";
        let trimmed = text.trim();
        if trimmed.len() == 10 && trimmed.parse::<civil::Date>().is_ok() {
            return Err(error(
                "manca l'ora: un termine o un'ora di ricezione si verifica al secondo, quindi va scritta anche l'ora, come \"2026-03-05T12:00\" (mezzogiorno) o \"2026-03-05T23:59:59\"",
            ));
        }
        if let Ok(ts) = trimmed.parse::<Timestamp>() {
            return Ok(Moment::from_timestamp(ts));
        }
        if !has_time_of_day(trimmed) {
            return Err(error(HOW));
        }
        let civil: civil::DateTime = trimmed.parse().map_err(|_| error(HOW))?;
        Moment::on_rome_clock(civil).map_err(|gap| error(gap.explain()))
    }

    /// A civil date and time on Rome's clock; None when the clock skips it or shows it twice
    /// (see [`Moment::on_rome_clock`]).
    pub fn from_rome(civil: civil::DateTime) -> Option<Moment> {
        Moment::on_rome_clock(civil).ok()
    }

    /// A civil date and time on Rome's clock, when it names one instant.
    pub fn on_rome_clock(civil: civil::DateTime) -> Result<Moment, RomeGap> {
        let ambiguous = ROME.to_ambiguous_zoned(civil);
        if ambiguous.is_ambiguous() {
            return Err(match ambiguous.offset() {
                jiff::tz::AmbiguousOffset::Gap { .. } => RomeGap::Missing,
                _ => RomeGap::Twice,
            });
        }
        ambiguous
            .unambiguous()
            .map(|z| Moment(z.timestamp()))
            .map_err(|_| RomeGap::Missing)
    }

    /// As [`Moment::from_rome`], taking the earlier reading of a time shown twice and the
    /// later of a skipped one: for the dates a document's metadata carry, never for a deadline.
    fn lenient(civil: civil::DateTime) -> Option<Moment> {
        civil
            .to_zoned(ROME.clone())
            .ok()
            .map(|z| Moment(z.timestamp()))
    }

    pub fn rome(self) -> civil::DateTime {
        self.0.to_zoned(ROME.clone()).datetime()
    }

    pub fn date(self) -> Date {
        Date(self.rome().date())
    }

    pub fn time(self) -> TimeOfDay {
        TimeOfDay(self.rome().time())
    }

    pub fn timestamp(self) -> Timestamp {
        self.0
    }

    /// To the second: what the files can say, so that a moment read back is the same moment.
    pub fn from_timestamp(ts: Timestamp) -> Moment {
        Moment(Timestamp::from_second(ts.as_second()).unwrap_or(ts))
    }
}

impl fmt::Display for Moment {
    /// The file spelling, with Rome's offset: "2026-03-02T10:15:00+01:00".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let zoned = self.0.to_zoned(ROME.clone());
        write!(f, "{}", zoned.strftime("%Y-%m-%dT%H:%M:%S%:z"))
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Date, TimeError> {
        text.trim().parse().map(Date).map_err(|_| TimeError {
            text: text.to_string(),
            what: "una data valida",
            example: "si scrive come \"2026-03-02\"",
        })
    }

    pub fn new(year: i16, month: i8, day: i8) -> Option<Date> {
        civil::Date::new(year, month, day).ok().map(Date)
    }

    pub fn civil(self) -> civil::Date {
        self.0
    }

    /// The date `days` calendar days later (a deadline of 30 days from a request). A date past
    /// the calendar's end stays where it is.
    pub fn plus_days(self, days: i32) -> Date {
        self.0
            .checked_add(jiff::Span::new().days(i64::from(days)))
            .map_or(self, Date)
    }

    /// This day at `time` on Rome's clock (a session's start): where the clock skips or
    /// repeats that time, the reading after the gap, or the first of the two.
    pub fn at(self, time: TimeOfDay) -> Option<Moment> {
        Moment::lenient(self.0.to_datetime(time.0))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A time of day, to the minute: "10:30".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(civil::Time);

impl TimeOfDay {
    pub fn parse(text: &str) -> Result<TimeOfDay, TimeError> {
        let error = || TimeError {
            text: text.to_string(),
            what: "un orario valido",
            example: "si scrive come \"10:30\"",
        };
        let t: civil::Time = text.trim().parse().map_err(|_| error())?;
        if t.second() != 0 || t.subsec_nanosecond() != 0 {
            return Err(error());
        }
        Ok(TimeOfDay(t))
    }

    pub fn new(hour: i8, minute: i8) -> Option<TimeOfDay> {
        civil::Time::new(hour, minute, 0, 0).ok().map(TimeOfDay)
    }

    pub fn hour(self) -> i8 {
        self.0.hour()
    }

    pub fn minute(self) -> i8 {
        self.0.minute()
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0.hour(), self.0.minute())
    }
}

macro_rules! text_serde {
    ($name:ident) => {
        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = String::deserialize(d)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

text_serde!(Moment);
text_serde!(Date);
text_serde!(TimeOfDay);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_carry_rome_offset_in_winter_and_summer() {
        let winter = Moment::parse("2026-03-02T10:15").unwrap();
        assert_eq!(winter.to_string(), "2026-03-02T10:15:00+01:00");
        let summer = Moment::parse("2026-07-02T10:15").unwrap();
        assert_eq!(summer.to_string(), "2026-07-02T10:15:00+02:00");
        let utc = Moment::parse("2026-03-02T09:15:00Z").unwrap();
        assert_eq!(utc, winter);
        assert_eq!(Moment::parse(&winter.to_string()).unwrap(), winter);
    }

    #[test]
    fn a_second_late_is_late() {
        let deadline = Moment::parse("2026-03-04T12:00:00+01:00").unwrap();
        let received = Moment::parse("2026-03-04T12:00:01+01:00").unwrap();
        assert!(received > deadline);
    }

    #[test]
    fn a_date_without_its_time_is_refused() {
        for text in ["2026-03-05", " 2026-03-05 ", "2026-03-05T", "2026-03-05T12"] {
            let e = Moment::parse(text).unwrap_err();
            assert!(
                e.to_string().contains("2026-03-05T12:00")
                    || e.to_string().contains("2026-03-02T10:15"),
                "{text}: {e}"
            );
        }
        assert!(
            Moment::parse("2026-03-05")
                .unwrap_err()
                .to_string()
                .contains("manca l'ora")
        );
        assert_eq!(
            Moment::parse("2026-03-05 12:00").unwrap().to_string(),
            "2026-03-05T12:00:00+01:00"
        );
    }

    #[test]
    fn a_time_rome_skips_is_refused_and_one_it_repeats_needs_its_offset() {
        let skipped = Moment::parse("2026-03-29T02:30").unwrap_err().to_string();
        assert!(skipped.contains("non esiste nell'ora di Roma"), "{skipped}");
        let twice = Moment::parse("2026-10-25T02:30").unwrap_err().to_string();
        assert!(twice.contains("+02:00 per la legale"), "{twice}");
        let summer = Moment::parse("2026-10-25T02:30:00+02:00").unwrap();
        let winter = Moment::parse("2026-10-25T02:30:00+01:00").unwrap();
        assert!(summer < winter);
        assert_eq!(winter.to_string(), "2026-10-25T02:30:00+01:00");
        assert_eq!(
            Moment::on_rome_clock(civil::date(2026, 3, 29).at(2, 30, 0, 0)),
            Err(RomeGap::Missing)
        );
        // The hours around the changes are ordinary.
        assert!(Moment::parse("2026-03-29T03:00").is_ok());
        assert!(Moment::parse("2026-10-25T03:00").is_ok());
    }

    #[test]
    fn bad_dates_and_times_say_how_to_write_them() {
        assert!(
            Moment::parse("21/11/2026")
                .unwrap_err()
                .to_string()
                .contains("2026-03-02T10:15")
        );
        assert!(Date::parse("2026-02-30").is_err());
        assert!(TimeOfDay::parse("25:00").is_err());
        assert_eq!(TimeOfDay::parse("09:05").unwrap().to_string(), "09:05");
    }
}
