//! A synthetic call of any size, for benchmarks and stress tests: realistic budgets, members
//! who agree and disagree, a few conflicts of interest, a few applications excluded for their
//! co-financing, some ties, and the three sessions of a call (opening, scoring, final) whose
//! minutes can be written. Seeded: the same parameters give the same call.

use rust_decimal::Decimal;

use crate::domain::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub applications: usize,
    pub lots: usize,
    pub members: usize,
    pub criteria: usize,
    pub seed: u64,
}

impl Default for Size {
    fn default() -> Size {
        Size {
            applications: 2000,
            lots: 5,
            members: 7,
            criteria: 20,
            seed: 1,
        }
    }
}

/// SplitMix64: small, fast and good enough to spread synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }
}

/// The opening session, which excludes the applications short of co-financing.
const OPENING: &str = "s1";

/// Cents in a euro: amounts here are whole cents.
const EURO: u64 = 100;

const SCALE: [&str; 6] = ["0", "0.2", "0.4", "0.6", "0.8", "1"];
const LABELS: [&str; 6] = [
    "insufficiente",
    "scarso",
    "sufficiente",
    "discreto",
    "buono",
    "ottimo",
];

fn id<T>(make: impl Fn(String) -> Result<T, IdError>, text: String) -> T {
    // Ids built here are plain ASCII with no spaces: they are always valid.
    make(text).unwrap_or_else(|_| unreachable!("a generated id is valid"))
}

fn cents(c: u64) -> Money {
    Money::from_decimal(Decimal::new(c as i64, 2)).unwrap_or(Money::ZERO)
}

/// Builds the call in memory; every part is valid by construction.
pub fn generate(size: Size) -> Option<Workspace> {
    let size = Size {
        applications: size.applications.max(1),
        lots: size.lots.max(1),
        members: size.members.max(1),
        criteria: size.criteria.max(1),
        seed: size.seed,
    };
    let mut rng = Rng(size.seed);
    let per_criterion = Decimal::new(100, 0) / Decimal::from(size.criteria as u64);
    let max = Points::new(per_criterion.round_dp(2))?;
    let criteria: Vec<Criterion> = (0..size.criteria)
        .map(|i| {
            let scoring = if i + 1 == size.criteria && size.criteria > 2 {
                Scoring::Linear {
                    measure: Measure::CofinancingShareAboveMinimum,
                }
            } else if i % 4 == 3 {
                Scoring::Points { step: None }
            } else {
                Scoring::Coefficient
            };
            Criterion {
                id: id(CriterionId::new, format!("C{:02}", i + 1)),
                title: format!("Criterio {} di valutazione", i + 1),
                description: String::new(),
                max,
                min: None,
                rescale: i % 5 == 0,
                scoring,
            }
        })
        .collect();
    let lots: Vec<Lot> = (0..size.lots)
        .map(|i| Lot {
            id: id(LotId::new, format!("lotto-{}", i + 1)),
            name: format!("Ambito territoriale {}", i + 1),
            description: String::new(),
            // About a third of the lot's applications can be funded: they ask 26.000 € on average.
            budget: cents((size.applications / size.lots).max(1) as u64 * 26_000 * EURO / 3),
            reserved_share: Share::ZERO,
            allocation: Allocation::UntilExhausted {
                partial: true,
                skip_when_not_fitting: false,
            },
        })
        .collect();
    let call = Call {
        authority: "Comune di Esempiopoli".into(),
        office: "Direzione Politiche Sociali".into(),
        title: format!("Avviso sintetico di {} candidature", size.applications),
        cup: None,
        rup: "Dott. Responsabile Unico".into(),
        published_on: Date::new(2026, 2, 1)?,
        deadline: Date::new(2026, 4, 30)?.at(TimeOfDay::new(12, 0)?)?,
        lots,
        funding: FundingRules {
            max_contribution_share: Share::new(Decimal::new(90, 2)),
            max_contribution_per_project: None,
            min_cofinancing_share: Share::new(Decimal::new(10, 2)),
            in_kind_max_share_of_cofinancing: Share::new(Decimal::new(50, 2)),
            category_caps: vec![],
        },
        budget_categories: vec![],
        criteria,
        overall_min: Points::new(Decimal::new(50, 0)),
        rescale_totals: false,
        rescale_among: Default::default(),
        decimals: 2,
        tie_breaks: vec![TieBreak::Criterion(id(CriterionId::new, "C01".into()))],
        judgement_scale: SCALE
            .iter()
            .zip(LABELS)
            .filter_map(|(c, l)| {
                Some(Judgement {
                    label: l.into(),
                    coefficient: Coefficient::parse(c).ok()?,
                })
            })
            .collect(),
        required_documents: vec![],
        admitted_legal_forms: vec![],
        informal_groups_allowed: false,
        min_scoring_members: Some(3),
        discordance_gap: Share::new(Decimal::new(4, 1))?,
        independent_judgement: true,
        collegial_mark: false,
    };
    let mut members: Vec<Member> = (0..size.members)
        .map(|i| Member {
            id: id(MemberId::new, format!("c{}", i + 1)),
            name: format!("Componente {}", i + 1),
            role: if i == 0 {
                Role::President
            } else {
                Role::Commissioner
            },
            qualification: String::new(),
            replaced: None,
            substitute: None,
        })
        .collect();
    members.push(Member {
        id: id(MemberId::new, "segretario".into()),
        name: "Segretario verbalizzante".into(),
        role: Role::Secretary,
        qualification: String::new(),
        replaced: None,
        substitute: None,
    });
    let commission = Commission {
        appointed_by: "Determinazione dirigenziale n. 100 del 05/05/2026".into(),
        members,
    };

    let mut applications = Vec::with_capacity(size.applications);
    let mut quality = Vec::with_capacity(size.applications);
    for i in 0..size.applications {
        let protocol = id(Protocol::new, format!("2026/{:06}", i + 1));
        let applicant = Party {
            name: format!("Associazione di promozione sociale n. {}", i + 1),
            tax_code: {
                let first = format!("{:010}", 2_000_000_000u64 + i as u64 * 17);
                let check = tax_code::entity_check_digit(&first).unwrap_or('0');
                format!("{first}{check}")
            },
            legal_form: LegalForm::SocialPromotionAssociation,
            pec: format!("aps{}@pec.it", i + 1),
            representative: String::new(),
            address: String::new(),
        };
        let received_at = Date::new(2026, 4, 1 + (i % 28) as i8)?
            .at(TimeOfDay::new(9 + (i % 9) as i8, (i % 60) as i8)?)?;
        // Every 40th application copies the one before (lot, budget and, below, marks): a tie.
        if i % 40 == 39 {
            let mut app: Application = applications.last().cloned()?;
            app.protocol = protocol;
            app.applicant = applicant;
            app.received_at = received_at;
            applications.push(app);
            quality.push(quality.last().copied().unwrap_or(3));
            continue;
        }
        let cost = 10_000 * EURO + rng.below(50_000 * EURO);
        // One in fifty falls short of the 10% minimum co-financing: the opening session
        // excludes it, as offices do, with the reason in the minutes.
        let short = rng.below(50) == 0;
        let k = if short {
            cost * (5 + rng.below(5)) / 100
        } else {
            cost * (10 + rng.below(31)) / 100
        };
        let in_kind = k * rng.below(40) / 100;
        applications.push(Application {
            protocol,
            received_at,
            lot: call.lots[i % size.lots].id.clone(),
            title: format!("Progetto di comunità n. {}", i + 1),
            summary: String::new(),
            applicant,
            partners: vec![],
            budget: vec![BudgetLine {
                category: id(CategoryId::new, "attivita".into()),
                description: String::new(),
                amount: cents(cost),
            }],
            cofinancing: [
                (CofinancingKind::Cash, k - in_kind),
                (CofinancingKind::InKind, in_kind),
            ]
            .into_iter()
            .filter(|(_, amount)| *amount > 0)
            .map(|(kind, amount)| CofinancingLine {
                source: "fondi propri".into(),
                kind,
                amount: cents(amount),
            })
            .collect(),
            requested: cents(cost - k),
            documents: vec![],
            declared: vec![],
            decision: short.then(|| Decision {
                outcome: AdmissionOutcome::Excluded,
                reason: "La quota di co-finanziamento è inferiore al minimo del 10% del costo complessivo previsto dall'avviso.".into(),
                session: Some(id(SessionId::new, OPENING.into())),
            }),
            removed: None,
        });
        quality.push(1 + rng.below(5));
    }

    let leaves: Vec<Criterion> = call.leaf_criteria().into_iter().cloned().collect();
    let mut sheets = Vec::with_capacity(size.members);
    for m in commission.voting_members() {
        let mut sheet = ScoreSheet::new(m.id.clone());
        let mut last: Vec<Score> = Vec::new();
        let mut last_conflict = false;
        for (i, app) in applications.iter().enumerate() {
            // A copy keeps the declarations of its original too, or its tie would not hold.
            let copy = i % 40 == 39;
            let conflict = if copy {
                last_conflict
            } else {
                rng.below(100) == 0
            };
            last_conflict = conflict;
            sheet.declarations.push(Declaration {
                application: app.protocol.clone(),
                conflict: conflict.then(|| Conflict {
                    kind: ConflictKind::Professional,
                    note: "Rapporto di collaborazione negli ultimi tre anni".into(),
                }),
            });
            if conflict {
                if !copy {
                    last.clear();
                }
                continue;
            }
            // Excluded at the opening: nobody scores it.
            if app.decision.is_some() {
                last.clear();
                continue;
            }
            if copy && !last.is_empty() {
                for s in &last {
                    let mut s = s.clone();
                    s.application = app.protocol.clone();
                    sheet.scores.push(s);
                }
                continue;
            }
            last.clear();
            for c in &leaves {
                let level = (quality[i] as i64 + rng.below(3) as i64 - 1).clamp(0, 5) as usize;
                let value = match c.scoring {
                    Scoring::Coefficient => Points::parse(SCALE[level]).ok(),
                    // Whole points, rounded down: never above a maximum that is not whole
                    // (100 points over 6 criteria give 16,67 each).
                    Scoring::Points { .. } => Points::new(
                        (c.max.value() * Decimal::from(level as u64) / Decimal::from(5)).trunc(),
                    ),
                    _ => None,
                };
                let Some(value) = value else { continue };
                let score = Score {
                    application: app.protocol.clone(),
                    criterion: c.id.clone(),
                    value,
                    reason: format!(
                        "Giudizio {} sul criterio {}: proposta coerente con gli obiettivi dell'ambito.",
                        LABELS[level], c.id
                    ),
                };
                last.push(score.clone());
                sheet.scores.push(score);
            }
        }
        sheets.push(std::sync::Arc::new(sheet));
    }
    let everyone: Vec<MemberId> = commission.members.iter().map(|m| m.id.clone()).collect();
    let session = |name: &str, number: u32, kind: SessionKind, day: i8, notes: &str| {
        Some(Session {
            id: id(SessionId::new, name.into()),
            number,
            kind,
            date: Date::new(2026, 5, day)?,
            start: TimeOfDay::new(9, 30)?,
            end: TimeOfDay::new(13, 0),
            place: "Sala del Consiglio, Palazzo Comunale".into(),
            present: everyone.clone(),
            notes: vec![notes.into()],
            draws: vec![],
            amendments: vec![],
            collegial: Vec::new(),
            events: Vec::new(),
            seal: None,
        })
    };
    let sessions = vec![
        session(
            OPENING,
            1,
            SessionKind::OpeningPublic,
            12,
            "La commissione apre le candidature pervenute e ne verifica l'ammissibilità.",
        )?,
        session(
            "s2",
            2,
            SessionKind::ReservedScoring,
            19,
            "La commissione valuta le candidature ammesse secondo i criteri dell'avviso.",
        )?,
        session(
            "s3",
            3,
            SessionKind::Final,
            26,
            "La commissione approva la graduatoria di ciascun lotto.",
        )?,
    ];
    let (ws, problems) = Workspace::assemble(Parts {
        call: Some(call),
        commission: Some(commission),
        applications,
        sheets,
        sessions,
        access: Default::default(),
        unreadable: Default::default(),
    });
    if problems.is_empty() { ws } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Outcome, evaluate};

    fn small() -> Size {
        Size {
            applications: 400,
            lots: 2,
            members: 5,
            criteria: 8,
            seed: 7,
        }
    }

    #[test]
    fn any_number_of_criteria_gives_a_valid_call() {
        for criteria in 1..=25 {
            assert!(
                generate(Size {
                    criteria,
                    ..small()
                })
                .is_some(),
                "{criteria} criteria"
            );
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_call_and_another_seed_another() {
        let a = generate(small());
        assert!(a.is_some());
        assert_eq!(a, generate(small()));
        assert_ne!(a, generate(Size { seed: 8, ..small() }));
    }

    #[test]
    fn the_call_has_exclusions_conflicts_ties_and_funds_about_a_third() {
        let ws = generate(small()).expect("a valid call");
        let ev = evaluate(&ws);
        let count = |o: Outcome| ev.applications.values().filter(|a| a.outcome == o).count();
        let conflicts = ws
            .sheets()
            .values()
            .flat_map(|s| &s.declarations)
            .filter(|d| d.conflict.is_some())
            .count();
        let ties = ev
            .lots
            .values()
            .flat_map(|l| &l.ranking)
            .filter(|p| matches!(p.tie, crate::rules::Tie::Unresolved { .. }))
            .count();
        let funded = count(Outcome::Funded) + count(Outcome::PartiallyFunded);
        let eligible = funded + count(Outcome::EligibleNotFunded);
        assert!(count(Outcome::Excluded) > 0, "some exclusions");
        assert!(
            count(Outcome::BelowThreshold) > 0,
            "some below the threshold"
        );
        assert!(conflicts > 0, "some conflicts of interest");
        assert!(ties > 0, "some ties");
        assert!(
            funded * 5 > eligible && funded * 5 < eligible * 4,
            "{funded} of {eligible} eligible applications funded"
        );
        assert_eq!(ws.sessions().len(), 3);
    }
}
