//! What the secretariat types while setting up a call, read into the files' values: a
//! percentage ("10", "10%", "12,5 %"), a date with its time ("31/03/2026 12:00"), a whole
//! number. Like `crate::italian`'s readers, they refuse what could mean two things.

use crate::domain::{Date, Moment, Share};
use crate::italian;

/// A share typed as a percentage: "10" and "10%" are 10%; "12,5" is 12,5%.
pub fn percent(text: &str) -> Result<Share, String> {
    let t = text.trim();
    let number = t.trim_end_matches('%').trim();
    if number.is_empty() {
        return Err("manca la percentuale (per esempio 10%)".into());
    }
    let points = italian::parse_typed_points(number)?;
    let share = points.value() / rust_decimal::Decimal::ONE_HUNDRED;
    Share::new(share).ok_or_else(|| format!("«{t}»: una percentuale va da 0 a 100"))
}

/// An optional percentage: an empty field means none.
pub fn optional_percent(text: &str) -> Result<Option<Share>, String> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        percent(text).map(Some)
    }
}

/// A share as the field shows it: "10" for 10%, "12,5" for 12,5%.
pub fn percent_text(share: Share) -> String {
    italian::number((share.value() * rust_decimal::Decimal::ONE_HUNDRED).normalize())
}

/// A moment typed as date and time, Rome's: "31/03/2026 12:00". The time is required: the
/// deadline is checked to the second.
pub fn moment(text: &str) -> Result<Moment, String> {
    let t = text.trim();
    let mut parts = t.split_whitespace();
    let date = parts
        .next()
        .ok_or_else(|| "manca la data (per esempio 31/03/2026 12:00)".to_string())?;
    let date = italian::parse_typed_date(date)?;
    let Some(time) = parts.next() else {
        return Err(format!(
            "«{t}»: manca l'ora (per esempio {} 12:00)",
            italian::date(date)
        ));
    };
    if parts.next().is_some() {
        return Err(format!("«{t}»: si scrive come 31/03/2026 12:00"));
    }
    // Seconds are allowed: a PEC received at 12:00:30 is late for a noon deadline.
    let (hm, seconds) = match time.matches(':').count() {
        2 => time.rsplit_once(':').unwrap_or((time, "0")),
        _ => (time, "0"),
    };
    let second: i8 = seconds
        .parse()
        .ok()
        .filter(|s| (0..60).contains(s))
        .ok_or_else(|| format!("«{time}» non è un orario: si scrive come 10:30 o 10:30:15"))?;
    let hm = italian::parse_typed_time(hm)?;
    let civil = jiff::civil::DateTime::new(
        date.civil().year(),
        date.civil().month(),
        date.civil().day(),
        hm.hour(),
        hm.minute(),
        second,
        0,
    )
    .map_err(|_| format!("«{t}»: questa data non esiste"))?;
    Moment::from_rome(civil).ok_or_else(|| {
        format!("«{t}»: quest'ora non esiste in quel giorno (cambio dell'ora legale)")
    })
}

/// A moment as the field shows it: "31/03/2026 12:00", with the seconds when there are some.
pub fn moment_text(m: Moment) -> String {
    let seconds = m.rome().second();
    if seconds == 0 {
        format!("{} {}", italian::date(m.date()), italian::time(m.time()))
    } else {
        format!(
            "{} {}:{seconds:02}",
            italian::date(m.date()),
            italian::time(m.time())
        )
    }
}

/// A date typed the Italian way.
pub fn date(text: &str) -> Result<Date, String> {
    italian::parse_typed_date(text)
}

/// A whole number, not negative.
pub fn count(text: &str) -> Result<u32, String> {
    let t = text.trim();
    t.parse::<u32>()
        .map_err(|_| format!("«{t}»: si scrive un numero intero, per esempio 3"))
}

/// A member's name split into the title and the rest: "Dott.ssa Maria Rossi" → ("Dott.ssa",
/// "Maria Rossi"). A first word with a full stop in it (Dott., Sig.ra) is a title; an initial
/// ("M. Rossi") is not.
pub fn split_title(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(' ') {
        Some((first, rest)) if first.contains('.') && first.chars().count() >= 3 => {
            (first.to_string(), rest.trim().to_string())
        }
        _ => (String::new(), name.to_string()),
    }
}

/// The title and the name as one, as the commission lists it.
pub fn join_title(title: &str, name: &str) -> String {
    match (title.trim(), name.trim()) {
        ("", name) => name.to_string(),
        (title, name) => format!("{title} {name}"),
    }
}

/// An identifier made from a text: lower case, letters and digits, words joined by '-'
/// ("Maria Rossi" → "rossi" when `last_word`, "Spazio 2" → "spazio-2").
pub fn slug(text: &str, last_word: bool) -> String {
    let source = if last_word {
        text.split_whitespace().last().unwrap_or("")
    } else {
        text
    };
    let mut out = String::new();
    for c in source.chars() {
        let c = match c {
            'à' | 'á' | 'À' | 'Á' => 'a',
            'è' | 'é' | 'È' | 'É' => 'e',
            'ì' | 'í' | 'Ì' | 'Í' => 'i',
            'ò' | 'ó' | 'Ò' | 'Ó' => 'o',
            'ù' | 'ú' | 'Ù' | 'Ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// `base`, or `base-2`, `base-3`… : the first that `taken` does not hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { "x" } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_as_people_type_them() {
        assert_eq!(percent("10").unwrap().to_string(), "0.10");
        assert_eq!(percent("10 %").unwrap().to_string(), "0.10");
        assert_eq!(percent("12,5%").unwrap().to_string(), "0.125");
        assert!(percent("120").unwrap_err().contains("da 0 a 100"));
        assert!(percent("12.5").unwrap_err().contains("12,5"));
        assert_eq!(percent_text(Share::parse("0.10").unwrap()), "10");
        assert_eq!(percent_text(Share::parse("0.125").unwrap()), "12,5");
        assert_eq!(optional_percent(" ").unwrap(), None);
    }

    #[test]
    fn a_deadline_needs_its_time() {
        let m = moment("31/03/2026 12:00").unwrap();
        assert_eq!(m, Moment::parse("2026-03-31T12:00:00+02:00").unwrap());
        assert_eq!(moment_text(m), "31/03/2026 12:00");
        assert!(moment("31/03/2026").unwrap_err().contains("manca l'ora"));
        assert!(
            moment("31/02/2026 12:00")
                .unwrap_err()
                .contains("non esiste")
        );
        let late = moment("31/03/2026 12:00:30").unwrap();
        assert_eq!(late.to_string(), "2026-03-31T12:00:30+02:00");
        assert_eq!(moment_text(late), "31/03/2026 12:00:30");
    }

    #[test]
    fn titles_names_and_ids() {
        assert_eq!(
            split_title("Dott.ssa Maria Rossi"),
            ("Dott.ssa".into(), "Maria Rossi".into())
        );
        assert_eq!(
            split_title("Maria Rossi"),
            ("".into(), "Maria Rossi".into())
        );
        assert_eq!(join_title("Ing.", "Luca Neri"), "Ing. Luca Neri");
        assert_eq!(slug("Anna Maria D'Alò", true), "d-alo");
        assert_eq!(slug("Spazio 2 – via Roma", false), "spazio-2-via-roma");
        assert_eq!(unique("rossi", |s| s == "rossi"), "rossi-2");
    }
}
