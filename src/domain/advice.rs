//! What is wrong or suspicious in a call being set up, said in Italian and placed at the field
//! it concerns: criteria maxima that do not add up to 100, a threshold above its maximum, a
//! reserved share of 100%, a lot without funds, a deadline before the publication. The
//! workspace's own checks refuse what cannot hold; these also point at what probably is a
//! mistake, before anyone relies on it.

use rust_decimal::Decimal;

use super::call::{Call, Criterion, Measure, Scoring};
use super::commission::{Commission, Role};
use super::id::{CriterionId, LotId, MemberId};

/// Where a piece of advice belongs in the Avviso view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    Authority,
    Title,
    Cup,
    Rup,
    Deadline,
    Lot(LotId, LotPart),
    Funding,
    /// The criteria as a whole (their maxima).
    Criteria,
    Criterion(CriterionId, CriterionPart),
    OverallMin,
    TieBreaks,
    Scale,
    Documents,
    Commission,
    Member(MemberId),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LotPart {
    Budget,
    Reserved,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CriterionPart {
    Max,
    Min,
    Method,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub spot: Spot,
    /// The call cannot be used this way (the workspace would refuse it, or nothing could be
    /// funded); otherwise it is only suspicious.
    pub serious: bool,
    pub text: String,
}

fn advice(spot: Spot, serious: bool, text: impl Into<String>) -> Advice {
    Advice {
        spot,
        serious,
        text: text.into(),
    }
}

fn number(d: Decimal) -> String {
    crate::italian::number(d.normalize())
}

fn percent(d: Decimal) -> String {
    crate::italian::share_percent(d)
}

/// The advice on a call.
pub fn call_advice(call: &Call) -> Vec<Advice> {
    let mut out = Vec::new();
    if call.authority.trim().is_empty() {
        out.push(advice(
            Spot::Authority,
            false,
            "manca l'ente che pubblica l'avviso: il verbale lo riporta in intestazione",
        ));
    }
    if call.title.trim().is_empty() {
        out.push(advice(Spot::Title, false, "manca il titolo dell'avviso"));
    }
    if call.rup.trim().is_empty() {
        out.push(advice(
            Spot::Rup,
            false,
            "manca il responsabile unico del procedimento",
        ));
    }
    if let Some(cup) = &call.cup
        && let Some(problem) = cup_problem(cup)
    {
        out.push(advice(Spot::Cup, true, problem));
    }
    if call.deadline.date() < call.published_on {
        out.push(advice(
            Spot::Deadline,
            true,
            format!(
                "il termine di presentazione ({}) è precedente alla pubblicazione dell'avviso ({})",
                crate::italian::moment(call.deadline),
                crate::italian::date(call.published_on)
            ),
        ));
    }
    lots(call, &mut out);
    funding(call, &mut out);
    criteria(call, &mut out);
    if call.judgement_scale.is_empty() {
        out.push(advice(
            Spot::Scale,
            call.all_criteria()
                .iter()
                .any(|c| c.scoring == Scoring::Coefficient),
            "la scala di giudizio è vuota: i criteri a giudizio discrezionale non si possono valutare",
        ));
    } else if !call
        .judgement_scale
        .iter()
        .any(|j| j.coefficient.value() == Decimal::ONE)
    {
        out.push(advice(
            Spot::Scale,
            false,
            "nessun giudizio vale 1: nessuna proposta potrà avere il punteggio pieno senza riparametrazione",
        ));
    }
    if call.required_documents.is_empty() {
        out.push(advice(
            Spot::Documents,
            false,
            "l'avviso non richiede alcun documento: di solito si chiedono almeno la domanda e le dichiarazioni sostitutive",
        ));
    }
    out
}

/// A CUP is fifteen letters and digits: the first a letter, then two digits, a letter, two
/// digits for the year, and nine digits ("I71B16000290001").
pub fn cup_problem(cup: &str) -> Option<String> {
    let cup = cup.trim();
    if cup.is_empty() {
        return None;
    }
    if cup.chars().count() != 15 {
        return Some(format!(
            "il CUP ha 15 caratteri, «{cup}» ne ha {}",
            cup.chars().count()
        ));
    }
    if !cup
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    {
        return Some(format!(
            "il CUP si scrive con lettere maiuscole e cifre, senza spazi: «{cup}» no"
        ));
    }
    let b = cup.as_bytes();
    let shape = b[0].is_ascii_uppercase()
        && b[1..3].iter().all(u8::is_ascii_digit)
        && b[3].is_ascii_uppercase()
        && b[4..].iter().all(u8::is_ascii_digit);
    if !shape {
        return Some(format!(
            "«{cup}» non ha la forma di un CUP: una lettera, due cifre, una lettera e undici cifre (per esempio I71B16000290001)"
        ));
    }
    None
}

fn lots(call: &Call, out: &mut Vec<Advice>) {
    for lot in &call.lots {
        if lot.budget.is_zero() {
            out.push(advice(
                Spot::Lot(lot.id.clone(), LotPart::Budget),
                true,
                format!(
                    "il lotto «{}» non ha risorse: nessun contributo potrebbe essere concesso",
                    lot.name
                ),
            ));
        }
        if lot.reserved_share.value() >= Decimal::ONE {
            out.push(advice(
                Spot::Lot(lot.id.clone(), LotPart::Reserved),
                true,
                "una quota riservata del 100% non lascia nulla per i contributi",
            ));
        } else if lot.reserved_share.value() > Decimal::new(5, 1) {
            out.push(advice(
                Spot::Lot(lot.id.clone(), LotPart::Reserved),
                false,
                format!(
                    "la quota riservata al Comune è del {}: più della metà delle risorse",
                    percent(lot.reserved_share.value())
                ),
            ));
        }
    }
}

fn funding(call: &Call, out: &mut Vec<Advice>) {
    let f = &call.funding;
    if let (Some(max), Some(min)) = (f.max_contribution_share, f.min_cofinancing_share) {
        let sum = max.value() + min.value();
        if sum < Decimal::ONE {
            out.push(advice(
                Spot::Funding,
                false,
                format!(
                    "con un contributo fino al {} del costo, il co-finanziamento è di fatto almeno il {}, non il {}",
                    percent(max.value()),
                    percent(Decimal::ONE - max.value()),
                    percent(min.value())
                ),
            ));
        }
    }
    if f.min_cofinancing_share
        .is_some_and(|s| s.value() >= Decimal::ONE)
    {
        out.push(advice(
            Spot::Funding,
            true,
            "un co-finanziamento minimo del 100% non lascia spazio al contributo del Comune",
        ));
    }
    if f.max_contribution_share
        .is_some_and(|s| s.value().is_zero())
    {
        out.push(advice(
            Spot::Funding,
            true,
            "un contributo massimo dello 0% non permette di finanziare nulla",
        ));
    }
    if f.max_contribution_per_project.is_some_and(|m| m.is_zero()) {
        out.push(advice(
            Spot::Funding,
            true,
            "un tetto per progetto di € 0,00 non permette di finanziare nulla",
        ));
    }
}

fn criteria(call: &Call, out: &mut Vec<Advice>) {
    if call.criteria.is_empty() {
        out.push(advice(
            Spot::Criteria,
            true,
            "l'avviso non ha criteri di valutazione",
        ));
        return;
    }
    let total = call.max_total();
    if total != Decimal::ONE_HUNDRED {
        out.push(advice(
            Spot::Criteria,
            false,
            format!(
                "i punteggi massimi dei criteri sommano a {}, non a 100",
                number(total)
            ),
        ));
    }
    if let Some(min) = call.overall_min
        && min.value() > total
    {
        out.push(advice(
            Spot::OverallMin,
            true,
            format!(
                "la soglia complessiva ({}) supera il punteggio massimo ({})",
                number(min.value()),
                number(total)
            ),
        ));
    }
    for c in call.all_criteria() {
        criterion(call, c, out);
    }
    if call.tie_breaks.is_empty() {
        out.push(advice(
            Spot::TieBreaks,
            false,
            "senza criteri di parità, ogni parità di punteggio si risolve con un sorteggio",
        ));
    }
}

fn criterion(call: &Call, c: &Criterion, out: &mut Vec<Advice>) {
    let spot = |part| Spot::Criterion(c.id.clone(), part);
    if c.max.value().is_zero() {
        out.push(advice(
            spot(CriterionPart::Max),
            false,
            format!("il criterio {} vale 0 punti", c.id),
        ));
    }
    if let Some(min) = c.min
        && min > c.max
    {
        out.push(advice(
            spot(CriterionPart::Min),
            true,
            format!(
                "la soglia ({}) supera il massimo del criterio ({})",
                number(min.value()),
                number(c.max.value())
            ),
        ));
    }
    match &c.scoring {
        Scoring::Subcriteria(subs) => {
            let sum: Decimal = subs.iter().map(|s| s.max.value()).sum();
            if sum != c.max.value() {
                out.push(advice(
                    spot(CriterionPart::Max),
                    true,
                    format!(
                        "il massimo ({}) non è la somma dei sub-criteri ({})",
                        number(c.max.value()),
                        number(sum)
                    ),
                ));
            }
        }
        Scoring::Levels(levels) => levels_advice(c, levels, out),
        Scoring::Linear {
            measure: Measure::CofinancingShareAboveMinimum,
        } if call.funding.min_cofinancing_share.is_none() => {
            out.push(advice(
                spot(CriterionPart::Method),
                true,
                "misura il co-finanziamento oltre il minimo, ma l'avviso non fissa un co-finanziamento minimo",
            ));
        }
        Scoring::Linear {
            measure: Measure::Declared { unit },
        } if unit.trim().is_empty() => {
            out.push(advice(
                spot(CriterionPart::Method),
                false,
                "manca l'unità di misura del dato dichiarato (ore, soggetti, metri quadri…)",
            ));
        }
        Scoring::Points { step: Some(step) }
            if !step.value().is_zero() && !(c.max.value() % step.value()).is_zero() =>
        {
            out.push(advice(
                spot(CriterionPart::Method),
                false,
                format!(
                    "a passi di {} punti non si raggiunge il massimo ({})",
                    number(step.value()),
                    number(c.max.value())
                ),
            ));
        }
        _ => {}
    }
}

/// The advice on a criterion scored by levels: some, none worth more than the criterion, one
/// worth all of it.
fn levels_advice(c: &Criterion, levels: &[super::call::Level], out: &mut Vec<Advice>) {
    let spot = |part| Spot::Criterion(c.id.clone(), part);
    if levels.is_empty() {
        out.push(advice(
            spot(CriterionPart::Method),
            true,
            "il criterio non ha livelli",
        ));
    }
    for l in levels {
        if l.points > c.max {
            out.push(advice(
                spot(CriterionPart::Method),
                true,
                format!(
                    "il livello «{}» vale {} punti, più del massimo ({})",
                    l.label,
                    number(l.points.value()),
                    number(c.max.value())
                ),
            ));
        }
    }
    if !levels.iter().any(|l| l.points == c.max) && !levels.is_empty() {
        out.push(advice(
            spot(CriterionPart::Method),
            false,
            "nessun livello vale il massimo del criterio",
        ));
    }
}

/// The advice on the commission, against the call's minimum of scoring members.
pub fn commission_advice(commission: &Commission, call: &Call) -> Vec<Advice> {
    let mut out = Vec::new();
    if commission.members.is_empty() {
        out.push(advice(
            Spot::Commission,
            false,
            "la commissione non è ancora nominata: vanno indicati i componenti e l'atto di nomina",
        ));
        return out;
    }
    if commission.appointed_by.trim().is_empty() {
        out.push(advice(
            Spot::Commission,
            false,
            "manca l'atto di nomina della commissione: il verbale lo riporta",
        ));
    }
    let presidents = commission
        .sitting()
        .filter(|m| m.role == Role::President)
        .count();
    if presidents != 1 {
        out.push(advice(
            Spot::Commission,
            true,
            format!("la commissione deve avere un presidente, e uno solo (ne ha {presidents})"),
        ));
    }
    if !commission.sitting().any(|m| m.role == Role::Secretary) {
        out.push(advice(
            Spot::Commission,
            false,
            "manca il segretario verbalizzante",
        ));
    }
    let regular = commission
        .voting_members()
        .filter(|m| m.substitute.is_none())
        .count();
    if let Some(min) = call.min_scoring_members
        && regular < min as usize
    {
        out.push(advice(
            Spot::Commission,
            true,
            format!(
                "l'avviso chiede che ogni candidatura sia valutata da almeno {min} componenti, ma ne valutano {regular}"
            ),
        ));
    }
    if regular % 2 == 0 && regular > 0 {
        out.push(advice(
            Spot::Commission,
            false,
            format!(
                "i componenti che valutano sono {regular}: di solito una commissione ha un numero dispari di componenti"
            ),
        ));
    }
    for m in &commission.members {
        if let Some(s) = &m.substitute {
            if s.act.trim().is_empty() {
                out.push(advice(
                    Spot::Member(m.id.clone()),
                    false,
                    "manca l'atto che nomina il supplente",
                ));
            }
            if s.applications.is_empty() {
                out.push(advice(
                    Spot::Member(m.id.clone()),
                    false,
                    "il supplente non è ancora nominato per alcuna candidatura",
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cup_has_its_form() {
        assert_eq!(cup_problem("I71B16000290001"), None);
        assert_eq!(cup_problem("B49D16010990006"), None);
        assert!(
            cup_problem("I71B1600029000")
                .unwrap()
                .contains("15 caratteri")
        );
        assert!(
            cup_problem("i71b16000290001")
                .unwrap()
                .contains("maiuscole")
        );
        assert!(cup_problem("171B16000290001").unwrap().contains("forma"));
    }
}

#[cfg(test)]
mod call_tests {
    use super::*;
    use crate::domain::{Date, Moment, Points, Share};
    use crate::templates::Template;

    fn texts(call: &Call) -> Vec<String> {
        call_advice(call).into_iter().map(|a| a.text).collect()
    }

    #[test]
    fn the_models_need_only_their_authority_and_rup() {
        let call = Template::Spazi.call(Date::parse("2026-03-02").unwrap());
        let advice = call_advice(&call);
        assert!(advice.iter().all(|a| !a.serious), "{advice:?}");
        assert_eq!(
            advice.iter().map(|a| &a.spot).collect::<Vec<_>>(),
            [&Spot::Authority, &Spot::Rup]
        );
    }

    #[test]
    fn what_is_wrong_or_suspicious_is_said_where_it_belongs() {
        let mut call = Template::Coprogettazione.call(Date::parse("2026-03-02").unwrap());
        call.criteria[0].max = Points::parse("30").unwrap();
        call.criteria[1].min = Some(Points::parse("20").unwrap());
        call.lots[0].reserved_share = Share::ONE;
        call.deadline = Moment::parse("2026-03-01T12:00").unwrap();
        let t = texts(&call);
        for expected in [
            "i punteggi massimi dei criteri sommano a 90, non a 100",
            "la soglia (20) supera il massimo del criterio (15)",
            "una quota riservata del 100% non lascia nulla per i contributi",
            "è precedente alla pubblicazione dell'avviso (02/03/2026)",
        ] {
            assert!(t.iter().any(|x| x.contains(expected)), "{expected}: {t:?}");
        }
        call.lots[0].budget = crate::domain::Money::ZERO;
        let advice = call_advice(&call);
        let lot = advice
            .iter()
            .find(|a| a.spot == Spot::Lot(call.lots[0].id.clone(), LotPart::Budget))
            .unwrap();
        assert!(lot.serious);
        assert!(lot.text.contains("non ha risorse"));
    }

    #[test]
    fn a_commission_smaller_than_the_minimum_is_said() {
        let call = Template::Spazi.call(Date::parse("2026-03-02").unwrap());
        let member = |id: &str, role| crate::domain::Member {
            id: MemberId::new(id).unwrap(),
            name: id.into(),
            role,
            qualification: String::new(),
            replaced: None,
            substitute: None,
        };
        let commission = Commission {
            appointed_by: "Determinazione n. 1".into(),
            members: vec![
                member("a", Role::President),
                member("b", Role::Commissioner),
                member("s", Role::Secretary),
            ],
        };
        let t: Vec<String> = commission_advice(&commission, &call)
            .into_iter()
            .map(|a| a.text)
            .collect();
        assert!(
            t.iter()
                .any(|x| x.contains("almeno 3 componenti, ma ne valutano 2")),
            "{t:?}"
        );
    }
}
