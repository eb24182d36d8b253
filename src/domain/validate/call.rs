//! The call and the commission: lots, rules, criteria, members and roles.

use super::*;

/// Reports every text of the call that holds a control character.
fn check_call_texts(call: &Call, report: &mut Report) {
    use text::Kind::{Line, Paragraphs};
    report.text("authority", &call.authority, Line, "l'ente");
    report.text("office", &call.office, Line, "l'ufficio");
    report.text("title", &call.title, Line, "il titolo dell'avviso");
    if let Some(cup) = &call.cup {
        report.text("cup", cup, Line, "il CUP");
    }
    report.text("rup", &call.rup, Line, "il responsabile del procedimento");
    for lot in &call.lots {
        report.text("name", &lot.name, Line, "il nome del lotto");
        report.text(
            "description",
            &lot.description,
            Paragraphs,
            "la descrizione del lotto",
        );
    }
    for c in call.all_criteria() {
        report.text("title", &c.title, Line, "il titolo del criterio");
        report.text(
            "description",
            &c.description,
            Paragraphs,
            "la descrizione del criterio",
        );
        match &c.scoring {
            Scoring::Levels(levels) => {
                for level in levels {
                    report.text("label", &level.label, Line, "il nome del livello");
                }
            }
            Scoring::Linear {
                measure: Measure::Declared { unit },
            } => {
                report.text("unit", unit, Line, "l'unità di misura");
            }
            _ => {}
        }
    }
    for j in &call.judgement_scale {
        report.text("label", &j.label, Line, "il nome del giudizio");
    }
    for d in &call.required_documents {
        report.text("title", &d.title, Line, "il titolo del documento");
    }
    for c in &call.budget_categories {
        report.text("name", &c.name, Line, "il nome della categoria di spesa");
    }
}

/// Returns true when the call cannot be used.
pub(super) fn check_call(call: &Call, report: &mut Report) -> bool {
    let before = report.out.len();
    check_call_texts(call, report);
    if call.lots.is_empty() {
        report.add("lots", "", "l'avviso non ha lotti: ne serve almeno uno");
    }
    let mut lots = BTreeSet::new();
    for lot in &call.lots {
        if !lots.insert(&lot.id) {
            report.add(
                "id",
                &lot.id,
                format!("il lotto «{}» è definito due volte", lot.id),
            );
        }
    }
    if call.criteria.is_empty() {
        report.add("criteria", "", "l'avviso non ha criteri di valutazione");
    }
    let mut ids = BTreeSet::new();
    for c in call.all_criteria() {
        if !ids.insert(&c.id) {
            report.add(
                "id",
                &c.id,
                format!("il criterio «{}» è definito due volte", c.id),
            );
        }
        check_criterion(c, call, report);
    }
    for tb in &call.tie_breaks {
        if let TieBreak::Criterion(id) = tb
            && call.criterion(id).is_none()
        {
            report.add(
                "Criterion",
                id,
                format!(
                    "il criterio di parità «{id}» non esiste (criteri: {})",
                    list(ids.iter())
                ),
            );
        }
    }
    if call.decimals > 6 {
        report.add(
            "decimals",
            call.decimals,
            "i decimali dei punteggi vanno da 0 a 6",
        );
    }
    if let Some(min) = call.overall_min
        && min.value() > call.max_total()
    {
        report.add(
            "overall_min",
            min,
            format!(
                "la soglia complessiva {min} supera il punteggio massimo {}",
                call.max_total()
            ),
        );
    }
    // A label names one judgement: an import that reads «buono» must find one coefficient,
    // and a member who picks «Buono» must know which. Case and spaces do not tell two apart.
    let mut labels: BTreeMap<String, &str> = BTreeMap::new();
    for j in &call.judgement_scale {
        let key = j
            .label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        if key.is_empty() {
            report.add(
                "label",
                j.coefficient,
                format!(
                    "il giudizio con coefficiente {} non ha un nome: ogni giudizio della scala ne ha uno (per esempio \"buono\")",
                    j.coefficient
                ),
            );
        } else if let Some(first) = labels.insert(key, &j.label) {
            report.add(
                "label",
                &j.label,
                format!(
                    "il giudizio «{}» compare due volte nella scala di giudizio (la prima come «{first}»): ogni giudizio ha un nome suo, altrimenti non si sa quale coefficiente valga",
                    j.label
                ),
            );
        }
    }
    let mut coefficients = BTreeSet::new();
    for j in &call.judgement_scale {
        if !coefficients.insert(j.coefficient) {
            report.add(
                "coefficient",
                j.coefficient,
                format!(
                    "il coefficiente {} compare due volte nella scala di giudizio",
                    j.coefficient
                ),
            );
        }
    }
    let mut documents = BTreeSet::new();
    for d in &call.required_documents {
        if !documents.insert(&d.id) {
            report.add(
                "id",
                &d.id,
                format!("il documento «{}» è elencato due volte", d.id),
            );
        }
    }
    let categories: BTreeSet<_> = call.budget_categories.iter().map(|c| &c.id).collect();
    if categories.len() != call.budget_categories.len() {
        report.add(
            "budget_categories",
            "",
            "una categoria di spesa è elencata due volte",
        );
    }
    for cap in &call.funding.category_caps {
        if !categories.is_empty() && !categories.contains(&cap.category) {
            report.add(
                "category",
                &cap.category,
                format!(
                    "il limite riguarda la categoria «{}», che non è tra le categorie di spesa ({})",
                    cap.category,
                    list(categories.iter())
                ),
            );
        }
    }
    report.out.len() > before
}

pub(super) fn check_criterion(c: &Criterion, call: &Call, report: &mut Report) {
    if let Some(min) = c.min
        && min > c.max
    {
        report.add(
            "min",
            min,
            format!(
                "la soglia del criterio «{}» ({min}) supera il massimo ({})",
                c.id, c.max
            ),
        );
    }
    match &c.scoring {
        Scoring::Subcriteria(subs) => {
            if subs.is_empty() {
                report.add(
                    "Subcriteria",
                    &c.id,
                    format!("il criterio «{}» non ha sub-criteri", c.id),
                );
            }
            let sum: Decimal = subs.iter().map(|s| s.max.value()).sum();
            if sum != c.max.value() {
                report.add(
                    "max",
                    c.max,
                    format!(
                        "il massimo del criterio «{}» ({}) non è la somma dei massimi dei sub-criteri ({sum})",
                        c.id, c.max
                    ),
                );
            }
            if c.rescale {
                report.add(
                    "rescale",
                    "true",
                    format!("la riparametrazione si indica sui sub-criteri, non sul criterio «{}» che li raggruppa", c.id),
                );
            }
        }
        Scoring::Coefficient => {
            if call.judgement_scale.is_empty() {
                report.add(
                    "Coefficient",
                    &c.id,
                    format!("il criterio «{}» usa i coefficienti, ma l'avviso non ha una scala di giudizio", c.id),
                );
            }
        }
        Scoring::Points { step } => {
            if let Some(step) = step
                && step.value().is_zero()
            {
                report.add(
                    "step",
                    step,
                    format!(
                        "il passo dei punti del criterio «{}» non può essere zero",
                        c.id
                    ),
                );
            }
        }
        Scoring::Levels(levels) => {
            let mut ids = BTreeSet::new();
            if levels.is_empty() {
                report.add(
                    "Levels",
                    &c.id,
                    format!("il criterio «{}» non ha livelli", c.id),
                );
            }
            for level in levels {
                if !ids.insert(&level.id) {
                    report.add(
                        "id",
                        &level.id,
                        format!(
                            "il livello «{}» è ripetuto nel criterio «{}»",
                            level.id, c.id
                        ),
                    );
                }
                if level.points > c.max {
                    report.add(
                        "points",
                        level.points,
                        format!(
                            "il livello «{}» vale più del massimo del criterio «{}» ({})",
                            level.id, c.id, c.max
                        ),
                    );
                }
            }
        }
        Scoring::Linear { measure } => {
            if *measure == Measure::CofinancingShareAboveMinimum
                && call.funding.min_cofinancing_share.is_none()
            {
                report.add(
                    "CofinancingShareAboveMinimum",
                    &c.id,
                    format!("il criterio «{}» misura il co-finanziamento oltre il minimo, ma l'avviso non fissa un minimo", c.id),
                );
            }
        }
    }
}

/// Returns true when the commission cannot be used.
pub(super) fn check_commission(commission: &Commission, report: &mut Report) -> bool {
    let before = report.out.len();
    report.text(
        "appointed_by",
        &commission.appointed_by,
        text::Kind::Line,
        "l'atto di nomina",
    );
    for m in &commission.members {
        report.text("name", &m.name, text::Kind::Line, "il nome del componente");
        report.text(
            "qualification",
            &m.qualification,
            text::Kind::Line,
            "la qualifica",
        );
    }
    let mut ids = BTreeSet::new();
    for m in &commission.members {
        if !ids.insert(&m.id) {
            report.add(
                "id",
                &m.id,
                format!("il componente «{}» è elencato due volte", m.id),
            );
        }
    }
    let presidents = commission
        .sitting()
        .filter(|m| m.role == Role::President)
        .count();
    // A commission not yet appointed has no members at all: a call being set up.
    if presidents != 1 && !commission.members.is_empty() {
        report.add(
            "members",
            "",
            format!("la commissione deve avere un presidente, e uno solo (ne ha {presidents})"),
        );
    }
    super::commission::check_changes(commission, report);
    report.out.len() > before
}
