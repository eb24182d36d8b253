//! How numbers, amounts, dates and times read in Italian: one place, used by the UI, the
//! command line and the minutes.

use rust_decimal::Decimal;

use crate::domain::{
    AdmissionOutcome, Allocation, ConflictKind, Date, LegalForm, Moment, Money, Role, SessionKind,
    TimeOfDay,
};

/// "131.760,00": thousands with a point, decimals with a comma, as many decimals as `value` has.
pub fn number(value: Decimal) -> String {
    let text = value.abs().to_string();
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// `number` with exactly `dp` decimals (rounded half up; callers pass values already exact).
pub fn number_dp(value: Decimal, dp: u32) -> String {
    let mut v =
        value.round_dp_with_strategy(dp, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    v.rescale(dp);
    number(v)
}

/// "131.760,00".
pub fn amount(money: Money) -> String {
    number(money.value())
}

/// "€ 131.760,00".
pub fn euro(money: Money) -> String {
    format!("€ {}", amount(money))
}

/// A signed difference in euro: "-€ 500,00".
pub fn euro_signed(value: Decimal) -> String {
    let sign = if value.is_sign_negative() && !value.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}€ {}", number_dp(value.abs(), 2))
}

/// "10%" or "9,3750%": a percentage already rounded in the right direction by the caller.
pub fn percent(value: Decimal) -> String {
    format!("{}%", number(value.normalize_if_integer()))
}

trait NormalizeIfInteger {
    fn normalize_if_integer(self) -> Decimal;
}

impl NormalizeIfInteger for Decimal {
    fn normalize_if_integer(self) -> Decimal {
        if self.fract().is_zero() {
            self.trunc()
        } else {
            self
        }
    }
}

/// A percentage computed from the data, as every document writes it: two decimals at most
/// (none when whole), rounded with `strategy`, away from the limit it is compared with, so
/// that a share just under a minimum never reads as the minimum: 9,99999 → "9,99%".
pub fn percent_shown(value: Decimal, strategy: rust_decimal::RoundingStrategy) -> String {
    percent(value.round_dp_with_strategy(2, strategy).normalize())
}

/// A share of 1 as a percentage: 0.10 → "10%".
pub fn share_percent(share: Decimal) -> String {
    percent((share * Decimal::ONE_HUNDRED).normalize())
}

/// "21/11/2026".
pub fn date(d: Date) -> String {
    let c = d.civil();
    format!("{:02}/{:02}/{}", c.day(), c.month(), c.year())
}

/// "21/11/2026 alle 10:30".
pub fn moment(m: Moment) -> String {
    format!("{} alle {}", date(m.date()), time(m.time()))
}

/// "21/11/2026 10:30:15", for a submission time where seconds matter.
pub fn moment_precise(m: Moment) -> String {
    let c = m.rome();
    format!(
        "{} {:02}:{:02}:{:02}",
        date(m.date()),
        c.hour(),
        c.minute(),
        c.second()
    )
}

/// "10:30".
pub fn time(t: TimeOfDay) -> String {
    t.to_string()
}

const MONTHS: [&str; 12] = [
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
];

pub fn month_name(month: i8) -> &'static str {
    MONTHS
        .get((month - 1).clamp(0, 11) as usize)
        .copied()
        .unwrap_or("")
}

/// A whole number in Italian words: 21 → "ventuno", 2026 → "duemilaventisei".
pub fn in_words(n: u32) -> String {
    const UNITS: [&str; 20] = [
        "zero",
        "uno",
        "due",
        "tre",
        "quattro",
        "cinque",
        "sei",
        "sette",
        "otto",
        "nove",
        "dieci",
        "undici",
        "dodici",
        "tredici",
        "quattordici",
        "quindici",
        "sedici",
        "diciassette",
        "diciotto",
        "diciannove",
    ];
    const TENS: [&str; 10] = [
        "",
        "",
        "venti",
        "trenta",
        "quaranta",
        "cinquanta",
        "sessanta",
        "settanta",
        "ottanta",
        "novanta",
    ];
    fn below_hundred(n: u32) -> String {
        if n < 20 {
            return UNITS[n as usize].to_string();
        }
        let (t, u) = (n / 10, n % 10);
        let tens = TENS[t as usize];
        match u {
            0 => tens.to_string(),
            1 | 8 => format!("{}{}", &tens[..tens.len() - 1], UNITS[u as usize]),
            3 => format!("{tens}tré"),
            _ => format!("{tens}{}", UNITS[u as usize]),
        }
    }
    fn below_thousand(n: u32) -> String {
        let (h, rest) = (n / 100, n % 100);
        let hundreds = match h {
            0 => String::new(),
            1 => "cento".to_string(),
            _ => format!("{}cento", UNITS[h as usize]),
        };
        match (h, rest) {
            (_, 0) if h > 0 => hundreds,
            // "centotto", "duecentottanta": the o of cento drops before otto and ottanta.
            (1.., 80..=89) | (1.., 8) => {
                format!("{}{}", &hundreds[..hundreds.len() - 1], below_hundred(rest))
            }
            _ => format!("{hundreds}{}", below_hundred(rest)),
        }
    }
    match n {
        0..=999 => below_thousand(n),
        1000..=1999 => format!(
            "mille{}",
            if n.is_multiple_of(1000) {
                String::new()
            } else {
                below_thousand(n % 1000)
            }
        ),
        2000..=999_999 => {
            let rest = if n.is_multiple_of(1000) {
                String::new()
            } else {
                below_thousand(n % 1000)
            };
            format!("{}mila{rest}", below_thousand(n / 1000))
        }
        _ => n.to_string(),
    }
}

/// "L'anno duemilaventisei, il giorno ventuno del mese di novembre": the opening of minutes.
pub fn date_in_words(d: Date) -> String {
    let c = d.civil();
    let day = if c.day() == 1 {
        "primo".to_string()
    } else {
        in_words(c.day() as u32)
    };
    format!(
        "L'anno {}, il giorno {} del mese di {}",
        in_words(c.year().max(0) as u32),
        day,
        month_name(c.month())
    )
}

/// "alle ore dieci e trenta", "alle ore nove".
pub fn time_in_words(t: TimeOfDay) -> String {
    let hour = match t.hour() {
        1 => "una".to_string(),
        h => in_words(h as u32),
    };
    if t.minute() == 0 {
        format!("alle ore {hour}")
    } else {
        format!("alle ore {hour} e {}", in_words(t.minute() as u32))
    }
}

/// "1 errore", "3 errori": a count with its noun in the right number.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "P1", "P1 e P2", "P1, P2 e P3": a list as a sentence says it.
pub fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} e {last}", init.join(", ")),
    }
}

/// The sentence-initial form: "alle ore dieci" → "Alle ore dieci".
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// Names of the domain's kinds, as the documents and the window say them.

pub fn legal_form(form: &LegalForm) -> String {
    match form {
        LegalForm::SocialPromotionAssociation => "associazione di promozione sociale".into(),
        LegalForm::VolunteerOrganisation => "organizzazione di volontariato".into(),
        LegalForm::SocialCooperative => "cooperativa sociale".into(),
        LegalForm::SocialEnterprise => "impresa sociale".into(),
        LegalForm::Foundation => "fondazione".into(),
        LegalForm::Association => "associazione".into(),
        LegalForm::ReligiousBody => "ente religioso civilmente riconosciuto".into(),
        LegalForm::Company => "società".into(),
        LegalForm::PublicBody => "ente pubblico".into(),
        LegalForm::InformalGroup => "gruppo informale".into(),
        LegalForm::Other(text) => text.clone(),
    }
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::President => "Presidente",
        Role::Commissioner => "Componente",
        Role::Secretary => "Segretario verbalizzante",
    }
}

pub fn admission(outcome: AdmissionOutcome, decided: bool) -> &'static str {
    match (outcome, decided) {
        (AdmissionOutcome::Admitted, true) => "ammessa",
        (AdmissionOutcome::AdmittedWithReserve, true) => "ammessa con riserva",
        (AdmissionOutcome::Excluded, true) => "esclusa",
        (AdmissionOutcome::Admitted, false) => "ammessa (proposta)",
        (AdmissionOutcome::AdmittedWithReserve, false) => "ammessa con riserva (proposta)",
        (AdmissionOutcome::Excluded, false) => "esclusa (proposta)",
    }
}

pub fn session_kind(kind: SessionKind) -> &'static str {
    match kind {
        SessionKind::OpeningPublic => "seduta pubblica di apertura delle candidature",
        SessionKind::ReservedScoring => "seduta riservata di valutazione",
        SessionKind::Final => "seduta pubblica conclusiva",
    }
}

pub fn conflict_kind(kind: ConflictKind) -> &'static str {
    match kind {
        ConflictKind::Kinship => "rapporto di parentela o affinità",
        ConflictKind::Professional => "rapporto professionale",
        ConflictKind::Other => "altro motivo",
    }
}

pub fn event_kind(kind: crate::domain::EventKind) -> &'static str {
    use crate::domain::EventKind;
    match kind {
        EventKind::Renunciation => "rinuncia",
        EventKind::ExcludedAfterVerification => "esclusione a seguito della verifica dei requisiti",
        EventKind::ReadmittedAfterSoccorso => "riammissione a seguito di soccorso istruttorio",
        EventKind::ReadmittedAfterAppeal => "riammissione a seguito di ricorso",
    }
}

/// How many access acts no sealed verbale reports yet, and which verbale will.
pub fn unsealed_access_acts(n: usize) -> String {
    if n == 1 {
        "1 atto di accesso non ancora riportato in un verbale sigillato: lo riporta il verbale della seduta aperta, o della prossima seduta".into()
    } else {
        format!(
            "{n} atti di accesso non ancora riportati in un verbale sigillato: li riporta il verbale della seduta aperta, o della prossima seduta"
        )
    }
}

pub fn access_outcome(outcome: crate::domain::AccessOutcome) -> &'static str {
    use crate::domain::AccessOutcome;
    match outcome {
        AccessOutcome::Granted => "accolta",
        AccessOutcome::PartiallyGranted => "accolta in parte",
        AccessOutcome::Refused => "respinta",
        AccessOutcome::Deferred => "differita",
    }
}

pub fn allocation(mode: Allocation) -> String {
    match mode {
        Allocation::SingleWinner => "un solo soggetto selezionato".into(),
        Allocation::UntilExhausted {
            partial,
            skip_when_not_fitting,
        } => {
            let mut text =
                "a scorrimento della graduatoria fino a esaurimento delle risorse".to_string();
            if partial {
                text.push_str(", con finanziamento parziale dell'ultimo");
            }
            if skip_when_not_fitting {
                text.push_str(", saltando chi non rientra nelle risorse residue");
            }
            text
        }
        Allocation::AllAboveThreshold => {
            "tutte le candidature idonee, nei limiti delle risorse".into()
        }
        Allocation::ProRata => {
            "tutte le candidature idonee; se le risorse non bastano, ogni contributo è ridotto in proporzione".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts_read_as_in_italy() {
        assert_eq!(euro(Money::parse("131760.00").unwrap()), "€ 131.760,00");
        assert_eq!(euro(Money::parse("500").unwrap()), "€ 500,00");
        assert_eq!(euro(Money::parse("1234567.8").unwrap()), "€ 1.234.567,80");
        assert_eq!(number(dec!(87.73)), "87,73");
        assert_eq!(percent(dec!(9.3750)), "9,3750%");
        assert_eq!(share_percent(dec!(0.10)), "10%");
        assert_eq!(euro_signed(dec!(-500)), "-€ 500,00");
    }

    #[test]
    fn numbers_in_words() {
        let cases = [
            (1, "uno"),
            (21, "ventuno"),
            (23, "ventitré"),
            (28, "ventotto"),
            (30, "trenta"),
            (108, "centotto"),
            (180, "centottanta"),
            (2026, "duemilaventisei"),
            (2031, "duemilatrentuno"),
            (1999, "millenovecentonovantanove"),
        ];
        for (n, words) in cases {
            assert_eq!(in_words(n), words, "{n}");
        }
    }

    #[test]
    fn the_opening_formula() {
        let d = Date::parse("2026-11-21").unwrap();
        assert_eq!(
            date_in_words(d),
            "L'anno duemilaventisei, il giorno ventuno del mese di novembre"
        );
        assert_eq!(
            time_in_words(TimeOfDay::parse("10:30").unwrap()),
            "alle ore dieci e trenta"
        );
        assert_eq!(
            time_in_words(TimeOfDay::parse("09:00").unwrap()),
            "alle ore nove"
        );
        assert_eq!(date(d), "21/11/2026");
    }

    #[test]
    fn lists_and_capitals() {
        let items: Vec<String> = ["P1", "P2", "P3"].iter().map(|s| s.to_string()).collect();
        assert_eq!(list(&items[..1]), "P1");
        assert_eq!(list(&items[..2]), "P1 e P2");
        assert_eq!(list(&items), "P1, P2 e P3");
        assert_eq!(capitalized("alle ore dieci"), "Alle ore dieci");
        assert_eq!(capitalized("è"), "È");
    }
}

// What people type in the window: amounts and points with the Italian decimal comma, dates as
// 20/03/2026, times as 10:30. The files keep one spelling (see `domain::number`); these readers
// turn what a person types into it, and refuse what could mean two things.

/// Reads a typed number with at most `decimals` decimals into the files' plain spelling
/// ("1.234,56" → "1234.56"). A point followed by other than three digits is refused: "12.50"
/// could be twelve and a half or a typo, and money must not be guessed.
fn typed_plain(text: &str, decimals: usize, example: &str) -> Result<String, String> {
    let cleaned: String = text
        .trim()
        .trim_start_matches('€')
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if cleaned.is_empty() {
        return Err(format!("manca il valore (per esempio {example})"));
    }
    if cleaned.starts_with('-') {
        return Err(format!(
            "«{}»: il valore non può essere negativo",
            text.trim()
        ));
    }
    if !cleaned
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(format!(
            "«{}»: si scrive con le cifre e la virgola per i decimali (per esempio {example})",
            text.trim()
        ));
    }
    let (int, frac) = match cleaned.split_once(',') {
        Some((int, frac)) => {
            if frac.contains(',') || frac.contains('.') {
                return Err(format!(
                    "«{}»: la virgola separa i decimali e va scritta una volta sola (per esempio {example})",
                    text.trim()
                ));
            }
            (int, frac)
        }
        None => (cleaned.as_str(), ""),
    };
    let grouped = |int: &str| {
        let mut groups = int.split('.');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
    };
    if int.contains('.') && !grouped(int) {
        let hint = if cleaned.contains(',') {
            format!("i punti separano le migliaia (per esempio {example})")
        } else {
            format!(
                "in italiano i decimali si separano con la virgola: forse «{}»?",
                cleaned.replace('.', ",")
            )
        };
        return Err(format!("«{}»: {hint}", text.trim()));
    }
    if frac.len() > decimals {
        return Err(match decimals {
            0 => format!("«{}»: non sono ammessi decimali", text.trim()),
            1 => format!("«{}»: è ammesso un solo decimale", text.trim()),
            n => format!("«{}»: sono ammessi al massimo {n} decimali", text.trim()),
        });
    }
    let int: String = int.chars().filter(|c| *c != '.').collect();
    let int = if int.is_empty() { "0".to_string() } else { int };
    if int.len() > 15 {
        return Err(format!("«{}»: il valore è troppo grande", text.trim()));
    }
    Ok(if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    })
}

/// An amount as a person types it: "1.234,56", "1234,5", "€ 1.234" (→ 1234,00).
pub fn parse_typed_amount(text: &str) -> Result<Money, String> {
    let plain = typed_plain(text, 2, "1.234,56")?;
    Money::parse(&plain).map_err(|e| format!("«{}»: {}", text.trim(), e.why))
}

/// Points or a coefficient as a person types them: "14", "14,5", "0,8".
pub fn parse_typed_points(text: &str) -> Result<crate::domain::Points, String> {
    let plain = typed_plain(text, 4, "14,5")?;
    crate::domain::Points::parse(&plain).map_err(|e| format!("«{}»: {}", text.trim(), e.why))
}

/// A date as a person types it: "20/03/2026", "20/3/2026", "20.03.2026" or "2026-03-20".
pub fn parse_typed_date(text: &str) -> Result<Date, String> {
    let t = text.trim();
    let error = || format!("«{t}» non è una data: si scrive come 20/03/2026");
    if let Ok(d) = Date::parse(t) {
        return Ok(d);
    }
    let parts: Vec<&str> = t.split(['/', '.', '-']).collect();
    let [day, month, year] = parts.as_slice() else {
        return Err(error());
    };
    let (Ok(day), Ok(month), Ok(year)) =
        (day.parse::<i8>(), month.parse::<i8>(), year.parse::<i16>())
    else {
        return Err(error());
    };
    if !(1000..=9999).contains(&year) {
        return Err(format!(
            "«{t}»: l'anno va scritto con quattro cifre (20/03/2026)"
        ));
    }
    Date::new(year, month, day).ok_or_else(|| format!("«{t}»: questa data non esiste"))
}

/// A time of day as a person types it: "10:30", "10.30", "9" (→ 09:00).
pub fn parse_typed_time(text: &str) -> Result<TimeOfDay, String> {
    let t = text.trim();
    let error = || format!("«{t}» non è un orario: si scrive come 10:30");
    let (h, m) = t.split_once([':', '.']).unwrap_or((t, "0"));
    let (Ok(h), Ok(m)) = (h.trim().parse::<i8>(), m.trim().parse::<i8>()) else {
        return Err(error());
    };
    TimeOfDay::new(h, m).ok_or_else(error)
}

#[cfg(test)]
mod typing_tests {
    use super::*;

    #[test]
    fn typed_amounts_read_the_italian_way() {
        let ok = |t: &str| parse_typed_amount(t).map(|m| m.to_string());
        assert_eq!(ok("1.234,56"), Ok("1234.56".into()));
        assert_eq!(ok("1234,5"), Ok("1234.50".into()));
        assert_eq!(ok("€ 90.000,00"), Ok("90000.00".into()));
        assert_eq!(ok("1.234"), Ok("1234.00".into()));
        assert_eq!(ok("12.345.678"), Ok("12345678.00".into()));
        assert_eq!(ok(" 500 "), Ok("500.00".into()));
        assert_eq!(ok(",5"), Ok("0.50".into()));
        assert_eq!(ok("1 234,56"), Ok("1234.56".into()));
    }

    #[test]
    fn typed_amounts_that_could_mean_two_things_are_refused() {
        for (text, hint) in [
            ("12.50", "forse «12,50»"),
            ("1.23,4", "migliaia"),
            ("1,234,5", "una volta sola"),
            ("12,345", "2 decimali"),
            ("-5", "negativo"),
            ("", "manca"),
            ("dodici", "cifre"),
            ("1e5", "cifre"),
        ] {
            let error = parse_typed_amount(text).unwrap_err();
            assert!(error.contains(hint), "{text}: {error}");
        }
    }

    #[test]
    fn typed_points_dates_and_times() {
        assert_eq!(parse_typed_points("14,5").unwrap().to_string(), "14.5");
        assert_eq!(parse_typed_points("0,8").unwrap().to_string(), "0.8");
        assert!(parse_typed_points("0.8").unwrap_err().contains("«0,8»"));
        assert_eq!(
            parse_typed_date("20/3/2026").unwrap(),
            Date::parse("2026-03-20").unwrap()
        );
        assert_eq!(
            parse_typed_date("2026-03-20").unwrap(),
            Date::parse("2026-03-20").unwrap()
        );
        assert!(
            parse_typed_date("31/02/2026")
                .unwrap_err()
                .contains("non esiste")
        );
        assert!(
            parse_typed_date("20/03/26")
                .unwrap_err()
                .contains("quattro cifre")
        );
        assert_eq!(parse_typed_time("9").unwrap().to_string(), "09:00");
        assert_eq!(parse_typed_time("10.30").unwrap().to_string(), "10:30");
        assert!(parse_typed_time("25:00").is_err());
    }
}
