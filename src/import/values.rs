//! Values as people type them in Italian spreadsheets: amounts with or without "€", thousands
//! separators and a decimal comma or point; dates as "21/11/2026 10:30" or ISO. A value that
//! can be read two ways is refused, never guessed. Legal forms are in `legal_form`.

use std::str::FromStr;

use jiff::civil;
use rust_decimal::Decimal;

use super::table::Value;
use crate::domain::{CofinancingKind, Moment, Money};

/// Which separator a file uses for decimals, as its dialect says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    /// The Italian convention (CSV with `;`): the comma is decimal, the point groups thousands,
    /// so "1.234" is one thousand two hundred and thirty-four.
    Comma,
    /// The point is decimal, or the convention is unknown (CSV with `,`, text typed into a
    /// spreadsheet cell): "1.234" and "1,234" could each mean two things, and are refused.
    Point,
}

/// Why a cell is not the value its column wants. Italian: it reaches the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("manca il valore")]
    Missing,
    #[error("«{0}» non è un numero")]
    NotANumber(String),
    #[error("«{0}» è negativo: qui servono valori non negativi")]
    Negative(String),
    #[error(
        "«{text}» è ambiguo: può valere {plain} (con il separatore delle migliaia) oppure {decimal} (con tre decimali); in questo file il separatore decimale non è la virgola, quindi va scritto senza separatori delle migliaia: {plain}"
    )]
    Ambiguous {
        text: String,
        plain: String,
        decimal: String,
    },
    #[error("«{0}» ha i separatori delle migliaia fuori posto")]
    Grouping(String),
    #[error(
        "«{0}» ha più di due decimali: un importo in euro si scrive al centesimo (arrotondare nel foglio di calcolo)"
    )]
    TooManyDecimals(String),
    #[error("«{text}» ha più di {max} decimali")]
    Precision { text: String, max: u32 },
    #[error("«{0}» è troppo grande")]
    TooLarge(String),
    #[error(
        "«{0}» non è una data e ora valida: si scrive come \"21/11/2026 10:30\" oppure \"2026-11-21T10:30\""
    )]
    NotAMoment(String),
    #[error(
        "«{0}» non indica l'ora di ricezione, che serve per verificare il termine di presentazione (per esempio \"21/11/2026 10:30\")"
    )]
    NoTime(String),
    #[error("«{text}» {why}")]
    RomeClock { text: String, why: &'static str },
    #[error(
        "«{0}» non è un tipo di co-finanziamento: si scrive \"monetario\" oppure \"in_natura\""
    )]
    CofinancingKind(String),
    #[error("la cella contiene un errore del foglio di calcolo ({0})")]
    CellError(String),
}

/// What a cell says as plain text: numbers as the spreadsheet stores them, dates in ISO form.
pub fn text(value: &Value) -> String {
    match value {
        Value::Empty => String::new(),
        Value::Text(t) => t.trim().to_string(),
        Value::Number(n) => n.clone(),
        Value::DateTime(dt) => dt.to_string(),
        Value::Bool(b) => if *b { "VERO" } else { "FALSO" }.into(),
        Value::Error(e) => e.clone(),
    }
}

/// A required text cell.
pub fn required_text(value: &Value) -> Result<String, ValueError> {
    if let Value::Error(e) = value {
        return Err(ValueError::CellError(e.clone()));
    }
    let t = text(value);
    if t.is_empty() {
        Err(ValueError::Missing)
    } else {
        Ok(t)
    }
}

/// A non-negative decimal with at most `max_decimals` decimals.
pub fn decimal(value: &Value, mark: DecimalMark, max_decimals: u32) -> Result<Decimal, ValueError> {
    let (number, written) = match value {
        Value::Empty => return Err(ValueError::Missing),
        Value::Error(e) => return Err(ValueError::CellError(e.clone())),
        // A spreadsheet's own number: its text is the shortest decimal that gives back the same
        // binary value (see `table`), so it has one reading only.
        Value::Number(n) => (
            parse_plain(n).ok_or_else(|| ValueError::NotANumber(n.clone()))?,
            n,
        ),
        Value::Text(t) => (parse_typed(t.trim(), mark)?, t),
        Value::DateTime(_) | Value::Bool(_) => return Err(ValueError::NotANumber(text(value))),
    };
    let shown = written.trim().to_string();
    if number.is_sign_negative() && !number.is_zero() {
        return Err(ValueError::Negative(shown));
    }
    if number.scale() > max_decimals {
        return Err(if max_decimals == 2 {
            ValueError::TooManyDecimals(shown)
        } else {
            ValueError::Precision {
                text: shown,
                max: max_decimals,
            }
        });
    }
    Ok(number.abs())
}

/// An amount in euro, to the cent.
pub fn money(value: &Value, mark: DecimalMark) -> Result<Money, ValueError> {
    let number = decimal(value, mark, 2)?;
    Money::from_decimal(number).ok_or_else(|| ValueError::TooLarge(text(value)))
}

/// "1234.56" or "-3": the plain spelling of a spreadsheet's number.
fn parse_plain(text: &str) -> Option<Decimal> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let ok = !int.is_empty()
        && int.len() <= 20
        && frac.len() <= 20
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    if !ok {
        return None;
    }
    Decimal::from_str(text).ok()
}

/// A number as a person typed it: "€ 1.234,56", "1234.5", "1,234.00 EUR".
///
/// The rule, the same for every file: a number is read the only way it can be read. Both
/// separators present: the last one is decimal and appears once, the other groups thousands.
/// One separator, more than once: it groups thousands. One separator, once: it is decimal,
/// unless exactly three digits follow it and at most three (not starting with 0) precede it
/// ("1.234", "12,500"): that form has two readings, and only a file in the Italian convention
/// ([`DecimalMark::Comma`]) settles it: there the point groups thousands and the comma is
/// decimal; in any other file it is refused.
fn parse_typed(raw: &str, mark: DecimalMark) -> Result<Decimal, ValueError> {
    let not_a_number = || ValueError::NotANumber(raw.to_string());
    let mut t = raw.trim().replace(['\u{a0}', '\u{202f}'], " ");
    for symbol in ["€", "EUR", "Eur", "eur", "euro", "Euro"] {
        if let Some(rest) = t.strip_prefix(symbol) {
            t = rest.trim().to_string();
        } else if let Some(rest) = t.strip_suffix(symbol) {
            t = rest.trim().to_string();
        }
    }
    if t.is_empty() {
        return Err(if raw.trim().is_empty() {
            ValueError::Missing
        } else {
            not_a_number()
        });
    }
    let negative = t.starts_with('-') || t.starts_with('−') || t.starts_with('(');
    let body = t
        .trim_start_matches(['-', '−', '('])
        .trim_end_matches(')')
        .trim();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(not_a_number());
    }
    if negative {
        return Err(ValueError::Negative(raw.trim().to_string()));
    }
    let points = body.matches('.').count();
    let commas = body.matches(',').count();
    let (int, frac, group) = match (points, commas) {
        (0, 0) => (body.to_string(), String::new(), None),
        (p, c) if p > 0 && c > 0 => {
            let (dec_sep, group_sep) = if body.rfind('.') > body.rfind(',') {
                ('.', ',')
            } else {
                (',', '.')
            };
            if body.matches(dec_sep).count() != 1 {
                return Err(ValueError::Grouping(raw.trim().to_string()));
            }
            let (int, frac) = body.split_once(dec_sep).ok_or_else(not_a_number)?;
            (int.to_string(), frac.to_string(), Some(group_sep))
        }
        (p, c) if p + c > 1 => {
            let sep = if p > 0 { '.' } else { ',' };
            (body.to_string(), String::new(), Some(sep))
        }
        _ => {
            let sep = if points == 1 { '.' } else { ',' };
            let (int, frac) = body.split_once(sep).ok_or_else(not_a_number)?;
            let two_readings =
                frac.len() == 3 && (1..=3).contains(&int.len()) && !int.starts_with('0');
            if two_readings {
                match (mark, sep) {
                    (DecimalMark::Comma, '.') => (body.to_string(), String::new(), Some('.')),
                    (DecimalMark::Comma, _) => (int.to_string(), frac.to_string(), None),
                    (DecimalMark::Point, _) => {
                        return Err(ValueError::Ambiguous {
                            text: raw.trim().to_string(),
                            plain: format!("{int}{frac}"),
                            decimal: format!("{int},{frac}"),
                        });
                    }
                }
            } else {
                (int.to_string(), frac.to_string(), None)
            }
        }
    };
    let int = match group {
        Some(sep) => {
            ungroup(&int, sep).ok_or_else(|| ValueError::Grouping(raw.trim().to_string()))?
        }
        None => int,
    };
    if int.is_empty() || (frac.is_empty() && body.ends_with(['.', ','])) {
        return Err(not_a_number());
    }
    if int.len() > 20 || frac.len() > 20 {
        return Err(ValueError::TooLarge(raw.trim().to_string()));
    }
    let plain = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    Decimal::from_str(&plain).map_err(|_| not_a_number())
}

/// "1.234.567" grouped by `sep` → "1234567", if every group but the first has three digits.
fn ungroup(text: &str, sep: char) -> Option<String> {
    let groups: Vec<&str> = text.split(sep).collect();
    let first = groups.first()?;
    let first_ok = (1..=3).contains(&first.len()) && !(first.starts_with('0') && groups.len() > 1);
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    Some(groups.concat())
}

/// A moment on Rome's clock: "21/11/2026 10:30", "21/11/2026 10:30:15", "2026-11-21 10:30",
/// "2026-11-21T10:30:00+01:00", or a spreadsheet's date cell. Day first, always: "03/04/2026"
/// is the 3rd of April. A date without the time is refused: the deadline is to the minute.
pub fn moment(value: &Value) -> Result<Moment, ValueError> {
    match value {
        Value::Empty => Err(ValueError::Missing),
        Value::Error(e) => Err(ValueError::CellError(e.clone())),
        Value::DateTime(dt) => {
            if dt.time() == civil::Time::midnight() {
                return Err(ValueError::NoTime(italian_date(dt.date())));
            }
            Moment::on_rome_clock(*dt).map_err(|gap| ValueError::RomeClock {
                text: format!(
                    "{} {:02}:{:02}",
                    italian_date(dt.date()),
                    dt.hour(),
                    dt.minute()
                ),
                why: gap.explain(),
            })
        }
        Value::Text(t) => parse_moment(t.trim()),
        other => Err(ValueError::NotAMoment(text(other))),
    }
}

fn italian_date(d: civil::Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

fn parse_moment(t: &str) -> Result<Moment, ValueError> {
    let bad = || ValueError::NotAMoment(t.to_string());
    if t.is_empty() {
        return Err(ValueError::Missing);
    }
    // ISO with an offset or a zone is an instant already.
    if t.contains('T') || t.len() >= 10 && t.as_bytes().get(4) == Some(&b'-') {
        let iso = t.replacen(' ', "T", 1);
        if iso.len() == 10 {
            return Err(ValueError::NoTime(t.to_string()));
        }
        if let Ok(civil) = iso.parse::<civil::DateTime>()
            && let Err(gap) = Moment::on_rome_clock(civil)
            && iso.parse::<jiff::Timestamp>().is_err()
        {
            return Err(ValueError::RomeClock {
                text: t.to_string(),
                why: gap.explain(),
            });
        }
        return Moment::parse(&iso).map_err(|_| bad());
    }
    let (date, time) = match t.split_once(|c: char| c.is_whitespace()) {
        Some((d, rest)) => (d, Some(rest.trim().trim_start_matches("alle").trim())),
        None => (t, None),
    };
    let parts: Vec<&str> = date.split(['/', '-', '.']).collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(bad());
    };
    let number = |s: &str, max_len: usize| -> Option<i16> {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(d), Some(m), Some(y)) = (number(day, 2), number(month, 2), number(year, 4)) else {
        return Err(bad());
    };
    if year.len() != 4 {
        return Err(bad());
    }
    let date = civil::Date::new(y, m as i8, d as i8).map_err(|_| bad())?;
    let Some(time) = time.filter(|s| !s.is_empty()) else {
        return Err(ValueError::NoTime(t.to_string()));
    };
    let hms: Vec<&str> = time.split([':', '.']).collect();
    let (h, mi, s) = match hms.as_slice() {
        [h, m] => (number(h, 2), number(m, 2), Some(0)),
        [h, m, s] => (number(h, 2), number(m, 2), number(s, 2)),
        _ => (None, None, None),
    };
    let (Some(h), Some(mi), Some(s)) = (h, mi, s) else {
        return Err(bad());
    };
    let time = civil::Time::new(h as i8, mi as i8, s as i8, 0).map_err(|_| bad())?;
    Moment::on_rome_clock(date.to_datetime(time)).map_err(|gap| ValueError::RomeClock {
        text: t.to_string(),
        why: gap.explain(),
    })
}

/// "monetario" or "in_natura", as the forms write them.
pub fn cofinancing_kind(value: &Value) -> Result<CofinancingKind, ValueError> {
    let t = required_text(value)?;
    match fold(&t).as_str() {
        "monetario" | "monetaria" | "denaro" | "contanti" | "cash" | "finanziario"
        | "finanziaria" => Ok(CofinancingKind::Cash),
        "in_natura"
        | "natura"
        | "valorizzazione"
        | "valorizzazione_in_natura"
        | "in_kind"
        | "non_monetario" => Ok(CofinancingKind::InKind),
        _ => Err(ValueError::CofinancingKind(t)),
    }
}

/// Lower case, accents removed, words joined by single `_`: "Contributo richiesto (€)" →
/// "contributo_richiesto", "Società" → "societa", "A.P.S." → "aps", "Coop.Sociale" →
/// "coop_sociale". Points between single letters join them (initials); elsewhere they separate.
pub fn fold(text: &str) -> String {
    let lowered: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            c => c,
        })
        .collect();
    let joiners = ['.', '\'', '’'];
    let mut words: Vec<String> = Vec::new();
    for token in lowered.split(|c: char| !(c.is_ascii_alphanumeric() || joiners.contains(&c))) {
        let parts: Vec<&str> = token.split(joiners).filter(|p| !p.is_empty()).collect();
        if parts.len() > 1 && parts.iter().all(|p| p.len() == 1) {
            words.push(parts.concat());
        } else {
            words.extend(parts.iter().map(|p| p.to_string()));
        }
    }
    words.join("_")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.to_string())
    }

    fn cents(value: &Value, mark: DecimalMark) -> Result<String, ValueError> {
        money(value, mark).map(|m| m.to_string())
    }

    #[test]
    fn italian_amounts_in_the_italian_dialect() {
        let c = DecimalMark::Comma;
        assert_eq!(cents(&t("1.234,56"), c).unwrap(), "1234.56");
        assert_eq!(cents(&t("€ 1.234,56"), c).unwrap(), "1234.56");
        assert_eq!(cents(&t("1234,5 €"), c).unwrap(), "1234.50");
        assert_eq!(cents(&t("1.234"), c).unwrap(), "1234.00");
        assert_eq!(cents(&t("12.345.678"), c).unwrap(), "12345678.00");
        assert_eq!(cents(&t("1234.56"), c).unwrap(), "1234.56");
        assert_eq!(cents(&t("0,5"), c).unwrap(), "0.50");
        assert!(matches!(
            cents(&t("1,234"), c),
            Err(ValueError::TooManyDecimals(_))
        ));
        assert!(matches!(
            cents(&t("1.23.4"), c),
            Err(ValueError::Grouping(_))
        ));
    }

    #[test]
    fn the_point_dialect_refuses_what_has_two_readings() {
        let p = DecimalMark::Point;
        assert_eq!(cents(&t("1234.56"), p).unwrap(), "1234.56");
        assert_eq!(cents(&t("1,234.56"), p).unwrap(), "1234.56");
        assert_eq!(cents(&t("1.5"), p).unwrap(), "1.50");
        assert_eq!(cents(&t("1.234,56"), p).unwrap(), "1234.56");
        assert_eq!(cents(&t("0.500"), p).map_err(|_| ()), Err(()));
        let error = cents(&t("1.234"), p).unwrap_err();
        assert!(matches!(error, ValueError::Ambiguous { .. }), "{error}");
        assert!(error.to_string().contains("1234"), "{error}");
        assert!(matches!(
            cents(&t("12,500"), p),
            Err(ValueError::Ambiguous { .. })
        ));
        assert!(cents(&t("1.234.567"), p).is_ok());
    }

    #[test]
    fn amounts_refuse_three_decimals_negatives_and_words() {
        for mark in [DecimalMark::Comma, DecimalMark::Point] {
            assert!(matches!(
                cents(&t("12,345"), DecimalMark::Comma),
                Err(ValueError::TooManyDecimals(_))
            ));
            assert!(matches!(
                cents(&t("1234,567"), mark),
                Err(ValueError::TooManyDecimals(_))
            ));
            assert!(matches!(
                cents(&t("-100"), mark),
                Err(ValueError::Negative(_))
            ));
            assert!(matches!(
                cents(&t("(100)"), mark),
                Err(ValueError::Negative(_))
            ));
            assert!(matches!(
                cents(&t("mille"), mark),
                Err(ValueError::NotANumber(_))
            ));
            assert!(matches!(
                cents(&t("12 000"), mark),
                Err(ValueError::NotANumber(_))
            ));
            assert!(matches!(cents(&t(""), mark), Err(ValueError::Missing)));
            assert!(matches!(
                cents(&t("€"), mark),
                Err(ValueError::NotANumber(_))
            ));
        }
    }

    #[test]
    fn spreadsheet_numbers_have_one_reading() {
        let n = |s: &str| Value::Number(s.to_string());
        assert_eq!(cents(&n("1234.56"), DecimalMark::Point).unwrap(), "1234.56");
        assert_eq!(cents(&n("1234"), DecimalMark::Point).unwrap(), "1234.00");
        assert!(matches!(
            cents(&n("0.30000000000000004"), DecimalMark::Point),
            Err(ValueError::TooManyDecimals(_))
        ));
        assert!(matches!(
            cents(&n("-5"), DecimalMark::Point),
            Err(ValueError::Negative(_))
        ));
    }

    #[test]
    fn moments_day_first_with_the_time() {
        let m = |s: &str| moment(&t(s)).map(|m| m.to_string());
        assert_eq!(m("21/11/2026 10:30").unwrap(), "2026-11-21T10:30:00+01:00");
        assert_eq!(
            m("02/07/2026 9:05:30").unwrap(),
            "2026-07-02T09:05:30+02:00"
        );
        assert_eq!(m("2026-11-21 10:30").unwrap(), "2026-11-21T10:30:00+01:00");
        assert_eq!(
            m("2026-11-21T10:30:00+01:00").unwrap(),
            "2026-11-21T10:30:00+01:00"
        );
        assert!(matches!(m("21/11/2026"), Err(ValueError::NoTime(_))));
        assert!(matches!(m("2026-11-21"), Err(ValueError::NoTime(_))));
        assert!(matches!(
            m("11/21/2026 10:30"),
            Err(ValueError::NotAMoment(_))
        ));
        assert!(matches!(m("ieri"), Err(ValueError::NotAMoment(_))));
        let cell = Value::DateTime(civil::date(2026, 3, 2).at(10, 15, 0, 0));
        assert_eq!(
            moment(&cell).unwrap().to_string(),
            "2026-03-02T10:15:00+01:00"
        );
    }

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Contributo richiesto (€)"), "contributo_richiesto");
        assert_eq!(fold("RICEVUTA_IL"), "ricevuta_il");
        assert_eq!(fold("Ricevuta il"), "ricevuta_il");
        assert_eq!(fold("Società"), "societa");
        assert_eq!(fold("Denominazione dell'ente"), "denominazione_dell_ente");
        assert_eq!(fold("s.r.l."), "srl");
        assert_eq!(fold("Coop.Sociale"), "coop_sociale");
    }
}
