//! Numbers with a meaning: amounts in euro, shares, coefficients and points.
//!
//! Each type checks its range once, when it is made, so that the rules never meet a negative
//! amount, an amount with three decimals or a coefficient above 1. All are exact decimals:
//! no float ever touches money or scores.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// Why a text is not the number it should be. The message is Italian: it reaches the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("«{text}» non è {what}: {why}")]
pub struct NumberError {
    pub text: String,
    pub what: &'static str,
    pub why: String,
}

/// The largest amount accepted, so that no sum of thousands of amounts can overflow.
const MAX_MONEY: Decimal = Decimal::from_parts(2_764_472_319, 232_830, 0, false, 2); // 9 999 999 999 999,99

/// Reads a plain decimal: digits, an optional point and decimals, an optional leading minus.
/// No exponent, no thousands separator, no comma: in the files a number has one spelling only.
fn parse_plain(text: &str, what: &'static str, example: &str) -> Result<Decimal, NumberError> {
    let error = |why: String| NumberError {
        text: text.to_string(),
        what,
        why,
    };
    if text.trim().is_empty() {
        return Err(error("manca il valore".into()));
    }
    if text.contains(',') {
        return Err(error(format!(
            "nei file il separatore decimale è il punto e non si usano separatori delle migliaia (per esempio \"{example}\")"
        )));
    }
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let well_formed = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && !(digits.contains('.') && frac.is_empty());
    if !well_formed || int.len() > 20 || frac.len() > 20 {
        return Err(error(format!(
            "si scrive con cifre e il punto decimale (per esempio \"{example}\")"
        )));
    }
    Decimal::from_str(text).map_err(|_| {
        error(format!(
            "si scrive con cifre e il punto decimale (per esempio \"{example}\")"
        ))
    })
}

/// How the files spell an amount written with a decimal comma or with separators of thousands:
/// `34.000,00` and `34,000.00` are "34000.00", `1234,5` is "1234.50". None when the text is not
/// such an amount, or can be read two ways (`34.000` or `12,500`: one separator followed by
/// three digits may group thousands or mark decimals): then no reading is suggested, since a
/// wrong one would record another amount.
pub fn amount_file_spelling(text: &str) -> Option<String> {
    let text = text.trim();
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let count = |c: char| text.matches(c).count();
    let other = |c: char| if c == '.' { ',' } else { '.' };
    let (grouping, decimal) = match (count('.'), count(',')) {
        (0, 0) => return None,
        (p, c) if p > 0 && c > 0 => {
            // Both: the last is the decimal separator, and appears once.
            let last = text.chars().rev().find(|c| *c == '.' || *c == ',')?;
            if count(last) != 1 {
                return None;
            }
            (Some(other(last)), Some(last))
        }
        (n, _) => {
            let sep = if n > 0 { '.' } else { ',' };
            if count(sep) > 1 {
                (Some(sep), None)
            } else {
                let after = text.len() - text.find(sep)? - 1;
                // Three digits after a single separator: thousands or decimals? Not guessed.
                match after {
                    1 | 2 => (None, Some(sep)),
                    _ => return None,
                }
            }
        }
    };
    let (int, frac) = match decimal {
        Some(d) => text.split_once(d)?,
        None => (text, ""),
    };
    if decimal.is_some() && !(1..=2).contains(&frac.len()) {
        return None;
    }
    let groups: Vec<&str> = match grouping {
        Some(g) => int.split(g).collect(),
        None => vec![int],
    };
    let first_ok = groups
        .first()
        .is_some_and(|g| !g.is_empty() && (grouping.is_none() || g.len() <= 3));
    if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
        return None;
    }
    let digits = groups.concat();
    let digits = digits.trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    Some(format!("{digits}.{frac:0<2}"))
}

/// What the message of an amount written without quotes says: the value itself is not repeated,
/// since what the parser read as a number may not be what was written (`34.000,00` is read as
/// 34). [`explain_unquoted_amount`] puts the text written in it, from the file.
pub const UNQUOTED_AMOUNT: &str = "un importo va scritto tra virgolette, con il punto decimale e senza separatori delle migliaia (per esempio \"1234.50\")";

/// The message for an amount written without quotes, from what the file's `text` has where the
/// error is (`line` and `column` from 1, in characters): the right spelling of what was written
/// (`34.000,00` → "34000.00"), or both readings when it has two. None when `message` is not
/// about such an amount.
pub fn explain_unquoted_amount(
    message: &str,
    text: &str,
    line: usize,
    column: usize,
) -> Option<String> {
    if message != UNQUOTED_AMOUNT {
        return None;
    }
    let rest = text.lines().nth(line.checked_sub(1)?)?;
    let written: String = rest
        .chars()
        .skip(column.saturating_sub(1))
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let written = written.trim_end_matches([',', '.']);
    if written.is_empty() {
        return None;
    }
    if let Some(spelling) = amount_file_spelling(written) {
        return Some(format!(
            "l'importo {written} va scritto tra virgolette, con il punto decimale e senza separatori delle migliaia: \"{spelling}\""
        ));
    }
    // One point and three decimals: thousands, or decimals? Both, said plainly.
    if let Some((int, frac)) = written.split_once('.')
        && frac.len() == 3
        && !frac.contains('.')
        && int.len() <= 3
        && !int.is_empty()
    {
        let int = int.trim_start_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        return Some(format!(
            "l'importo {written} va scritto tra virgolette, con il punto decimale e senza separatori delle migliaia: \"{int}{frac}.00\" se il punto separa le migliaia, altrimenti un importo ha al massimo due decimali"
        ));
    }
    Some(format!("l'importo {written}: {UNQUOTED_AMOUNT}"))
}

fn decimals_written(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, frac)| frac.len())
}

/// An amount in euro: never negative, always two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(Decimal);

impl Money {
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Parses the file spelling: "131760.00", "131760.5" or "131760".
    pub fn parse(text: &str) -> Result<Money, NumberError> {
        const WHAT: &str = "un importo valido";
        // Written the Italian way ("34.000,00"): say the file spelling of that very amount.
        if text.contains(',')
            && let Some(spelling) = amount_file_spelling(text)
        {
            return Err(NumberError {
                text: text.to_string(),
                what: WHAT,
                why: format!(
                    "nei file il separatore decimale è il punto e non si usano separatori delle migliaia: si scrive \"{spelling}\""
                ),
            });
        }
        let value = parse_plain(text, WHAT, "1234.50")?;
        let error = |why: &str| NumberError {
            text: text.to_string(),
            what: WHAT,
            why: why.to_string(),
        };
        if text.starts_with('-') && !value.is_zero() {
            return Err(error("un importo non può essere negativo"));
        }
        if decimals_written(text) > 2 {
            return Err(error(
                "un importo in euro ha al massimo due decimali (\"1.234\" si scrive \"1234.00\" se sono milleduecentotrentaquattro euro)",
            ));
        }
        Money::from_decimal(value).ok_or_else(|| error("è fuori dall'intervallo ammesso"))
    }

    /// An exact decimal with at most two decimals, non-negative and not absurdly large.
    pub fn from_decimal(value: Decimal) -> Option<Money> {
        let value = value.normalize();
        if value.is_sign_negative() && !value.is_zero() || value.scale() > 2 || value > MAX_MONEY {
            return None;
        }
        let mut value = value.abs();
        value.rescale(2);
        Some(Money(value))
    }

    /// Whole cents, for amounts computed from shares: the caller says which way to round.
    pub fn from_decimal_rounded(value: Decimal, strategy: RoundingStrategy) -> Option<Money> {
        Money::from_decimal(value.round_dp_with_strategy(2, strategy))
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }

    /// `self - other` when it is not negative.
    pub fn checked_sub(self, other: Money) -> Option<Money> {
        Money::from_decimal(self.0 - other.0)
    }

    /// `self - other`, or zero when `other` is larger.
    pub fn saturating_sub(self, other: Money) -> Money {
        self.checked_sub(other).unwrap_or(Money::ZERO)
    }
}

impl Default for Money {
    fn default() -> Self {
        Money::ZERO
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, other: Money) -> Money {
        // Both are below MAX_MONEY, so the exact sum fits in a Decimal; it is kept even if it
        // passes MAX_MONEY, which only bounds what a file may state.
        let mut sum = self.0 + other.0;
        sum.rescale(2);
        Money(sum)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.copied().sum()
    }
}

impl fmt::Display for Money {
    /// The file spelling, "131760.00". Italian display is in `crate::italian`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

macro_rules! unit_interval {
    ($(#[$doc:meta])* $name:ident, $what:literal, $example:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Decimal);

        impl $name {
            pub const ZERO: $name = $name(Decimal::ZERO);
            pub const ONE: $name = $name(Decimal::ONE);

            pub fn parse(text: &str) -> Result<$name, NumberError> {
                let value = parse_plain(text, $what, $example)?;
                if decimals_written(text) > 6 {
                    return Err(NumberError {
                        text: text.to_string(),
                        what: $what,
                        why: "ha più di sei decimali".into(),
                    });
                }
                $name::new(value).ok_or_else(|| NumberError {
                    text: text.to_string(),
                    what: $what,
                    why: format!("deve essere compreso tra 0 e 1 (per esempio \"{}\")", $example),
                })
            }

            pub fn new(value: Decimal) -> Option<$name> {
                (value >= Decimal::ZERO && value <= Decimal::ONE).then_some($name(value))
            }

            pub fn value(self) -> Decimal {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

unit_interval!(
    /// A share of a whole, 0 to 1: "0.10" is ten per cent.
    Share,
    "una quota valida",
    "0.10"
);

unit_interval!(
    /// A commissioner's judgement as a coefficient, 0 to 1.
    Coefficient,
    "un coefficiente valido",
    "0.8"
);

/// Points: never negative, at most six decimals (a mark may be a judgement coefficient, which
/// has up to six).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Points(Decimal);

impl Points {
    pub const ZERO: Points = Points(Decimal::ZERO);

    pub fn parse(text: &str) -> Result<Points, NumberError> {
        const WHAT: &str = "un punteggio valido";
        let value = parse_plain(text, WHAT, "12.5")?;
        let error = |why: &str| NumberError {
            text: text.to_string(),
            what: WHAT,
            why: why.to_string(),
        };
        if text.starts_with('-') && !value.is_zero() {
            return Err(error("un punteggio non può essere negativo"));
        }
        if decimals_written(text) > 6 {
            return Err(error("ha più di sei decimali"));
        }
        if value > Decimal::from(1_000_000) {
            return Err(error("è troppo grande"));
        }
        Points::new(value).ok_or_else(|| error("non è ammesso"))
    }

    /// Points are never negative, have at most six decimals (the finest a judgement
    /// coefficient has) and at most a billion: so that [`Points::millionths`] is exact.
    pub fn new(value: Decimal) -> Option<Points> {
        let fine = value.scale() <= 6 || value.normalize().scale() <= 6;
        let within = (!value.is_sign_negative() || value.is_zero()) && value <= Points::MAX;
        (fine && within).then_some(Points(value.abs()))
    }

    const MAX: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);

    pub fn value(self) -> Decimal {
        self.0
    }

    /// The value in millionths, exactly: the rules add and compare marks as integers.
    pub fn millionths(self) -> i64 {
        let v = if self.0.scale() <= 6 {
            self.0
        } else {
            self.0.normalize()
        };
        // At most 10^9 with six decimals: at most 10^15 millionths.
        let m = v.mantissa() * 10i128.pow(6 - v.scale().min(6));
        i64::try_from(m).unwrap_or(i64::MAX)
    }
}

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Serde for the number types: written as strings, so that no float is ever involved.
/// Points also accept a bare integer (`max: 40`), which cannot be misread.
mod serde_impls {
    use super::*;
    use serde::de::{self, Visitor};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    struct TextVisitor<T> {
        parse: fn(&str) -> Result<T, NumberError>,
        expecting: &'static str,
        integers: bool,
        /// An amount in euro: a bare decimal is never repeated back (see `UNQUOTED_AMOUNT`).
        amount: bool,
    }

    impl<T> Visitor<'_> for TextVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.expecting)
        }

        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            if self.integers {
                (self.parse)(&v.to_string()).map_err(E::custom)
            } else {
                Err(E::custom(format!(
                    "il valore {v} va scritto tra virgolette, con due decimali: \"{v}.00\""
                )))
            }
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            if v >= 0 {
                return self.visit_u64(v as u64);
            }
            (self.parse)(&v.to_string()).map_err(E::custom)
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            if self.amount {
                return Err(E::custom(UNQUOTED_AMOUNT));
            }
            Err(E::custom(format!(
                "il valore {v} va scritto tra virgolette (\"{v}\"), perché i numeri con la virgola nei file sono testi esatti"
            )))
        }
    }

    macro_rules! text_serde {
        ($name:ident, $expecting:literal, $integers:literal) => {
            text_serde!($name, $expecting, $integers, false);
        };
        ($name:ident, $expecting:literal, $integers:literal, $amount:literal) => {
            impl Serialize for $name {
                fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                    s.collect_str(self)
                }
            }

            impl<'de> Deserialize<'de> for $name {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    d.deserialize_any(TextVisitor {
                        parse: $name::parse,
                        expecting: $expecting,
                        integers: $integers,
                        amount: $amount,
                    })
                }
            }
        };
    }

    text_serde!(
        Money,
        "un importo tra virgolette, per esempio \"1234.50\"",
        false,
        true
    );
    text_serde!(
        Share,
        "una quota tra virgolette, per esempio \"0.10\"",
        false
    );
    text_serde!(
        Coefficient,
        "un coefficiente tra virgolette, per esempio \"0.8\"",
        false
    );
    text_serde!(Points, "un punteggio, per esempio \"12.5\" o 12", true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_amount_written_the_italian_way_is_given_its_file_spelling_never_another_value() {
        for (written, spelling) in [
            ("34.000,00", Some("34000.00")),
            ("34,000.00", Some("34000.00")),
            ("1234,5", Some("1234.50")),
            ("0,5", Some("0.50")),
            ("1.234.567", Some("1234567.00")),
            ("1.234.567,8", Some("1234567.80")),
            ("1.234", None),
            ("12,500", None),
            ("1.23.4", None),
            ("1.234,567", None),
            ("€ 12", None),
        ] {
            assert_eq!(
                amount_file_spelling(written).as_deref(),
                spelling,
                "{written}"
            );
        }
        let e = Money::parse("34.000,00").unwrap_err().to_string();
        assert!(e.contains("\"34000.00\""), "{e}");
        assert!(!e.contains("\"34\""), "{e}");
        // Without quotes the parser reads 34: the message takes what the file says.
        let text = "(\n    amount: 34.000,00,\n)\n";
        let m = explain_unquoted_amount(UNQUOTED_AMOUNT, text, 2, 13).unwrap();
        assert!(m.contains("34.000,00") && m.contains("\"34000.00\""), "{m}");
        let text = "(\n    amount: 34.000,\n)\n";
        let m = explain_unquoted_amount(UNQUOTED_AMOUNT, text, 2, 13).unwrap();
        assert!(m.contains("\"34000.00\"") && !m.contains("\"34\""), "{m}");
        assert_eq!(explain_unquoted_amount("altro", text, 2, 13), None);
    }

    #[test]
    fn money_accepts_the_file_spelling_and_keeps_two_decimals() {
        assert_eq!(Money::parse("131760.00").unwrap().to_string(), "131760.00");
        assert_eq!(Money::parse("12.5").unwrap().to_string(), "12.50");
        assert_eq!(Money::parse("7").unwrap().to_string(), "7.00");
        assert_eq!(Money::parse("0").unwrap(), Money::ZERO);
        assert_eq!(Money::ZERO.to_string(), "0.00");
    }

    #[test]
    fn money_refuses_what_a_person_might_mean_otherwise() {
        for (text, hint) in [
            ("12,5", "separatore decimale"),
            ("-3", "negativo"),
            ("1.234", "due decimali"),
            ("12.500", "due decimali"),
            ("1e5", "cifre"),
            ("", "manca"),
            (" 12", "cifre"),
            ("12.", "cifre"),
            ("€ 12", "cifre"),
            ("99999999999999999999", "intervallo"),
        ] {
            let error = Money::parse(text).unwrap_err().to_string();
            assert!(error.contains(hint), "{text}: {error}");
            assert!(error.contains("importo"), "{text}: {error}");
        }
    }

    #[test]
    fn max_money_is_ten_trillion_less_a_cent() {
        assert_eq!(MAX_MONEY.to_string(), "9999999999999.99");
        assert!(Money::parse("9999999999999.99").is_ok());
        assert!(Money::parse("10000000000000.00").is_err());
    }

    #[test]
    fn shares_and_coefficients_stay_within_zero_and_one() {
        assert_eq!(Share::parse("0.10").unwrap().value().to_string(), "0.10");
        assert!(
            Share::parse("1.5")
                .unwrap_err()
                .to_string()
                .contains("tra 0 e 1")
        );
        assert!(Coefficient::parse("-0.2").is_err());
        assert!(Coefficient::parse("1.0").is_ok());
        assert!(Coefficient::new(Decimal::new(11, 1)).is_none());
    }

    #[test]
    fn points_are_never_negative() {
        assert!(Points::parse("-1").is_err());
        assert_eq!(Points::parse("14.5").unwrap().value(), Decimal::new(145, 1));
    }

    #[test]
    fn points_read_as_many_decimals_as_a_coefficient_has() {
        // A member who picks a judgement of 0,333333 writes it in the sheet: it must read back.
        assert_eq!(Points::parse("0.333333").unwrap().millionths(), 333_333);
        let refused = Points::parse("0.3333333").unwrap_err();
        assert!(refused.to_string().contains("sei decimali"), "{refused}");
    }

    #[test]
    fn points_count_in_exact_millionths() {
        assert_eq!(Points::parse("14.5").unwrap().millionths(), 14_500_000);
        assert_eq!(Points::parse("0.0001").unwrap().millionths(), 100);
        let fine = Points::new(Decimal::new(333_333, 6)).unwrap();
        assert_eq!(fine.millionths(), 333_333);
        // Trailing zeros beyond six decimals are still six decimals.
        let padded = Points::new(Decimal::new(80_000_000, 8)).unwrap();
        assert_eq!(padded.millionths(), 800_000);
        assert_eq!(Points::new(Decimal::new(1, 7)), None);
        assert_eq!(Points::new(Decimal::new(2_000_000_000, 0)), None);
    }

    #[test]
    fn sums_of_money_are_exact() {
        let a = Money::parse("0.10").unwrap();
        let b = Money::parse("0.20").unwrap();
        assert_eq!((a + b).to_string(), "0.30");
        let total: Money = [a, b, a].iter().sum();
        assert_eq!(total.to_string(), "0.40");
    }
}
