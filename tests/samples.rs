//! The sample calls of `sample-data/`: what a new user sees first, what the screenshots and the
//! minutes use. They must load without a single problem, be written exactly as the program
//! writes them, and give the outcomes they were built to show (a winner, the exclusions the
//! checks find, the applications a member has still to score, a tie awaiting a draw).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use commissione::domain::{
    AdmissionOutcome, LotId, MemberId, Money, Protocol, Role, SessionKind, Workspace,
};
use commissione::rules::{Check, Evaluation, Gap, Outcome, ThresholdFailure, Tie, evaluate};
use commissione::samples;
use commissione::workspace::files::{
    ApplicationFile, CALL, COMMISSION, CallFile, CommissionFile, SessionFile, SheetFile,
};
use commissione::workspace::{load, to_text, write_new};
use rust_decimal::Decimal;

const SONDRIO: &str = "sondrio-coworking";
const QUARTIERI: &str = "milano-quartieri-connessi";
const HUB: &str = "milano-hub-innovazione";
const ALL: [&str; 3] = [SONDRIO, QUARTIERI, HUB];

fn dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

fn workspace(name: &str) -> Workspace {
    let loaded = load(&dir(name));
    assert!(loaded.problems.is_empty(), "{name}: {:#?}", loaded.problems);
    loaded.workspace.expect("the sample loads")
}

/// Every `.ron` file under `root`, by path relative to it ("candidature/2026-0005873.ron").
fn ron_files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("readable folder") {
            let path = entry.expect("readable entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_some_and(|e| e == "ron") {
                let rel = path.strip_prefix(root).expect("under root");
                let rel = rel.to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&path).expect("readable file"));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

fn p(s: &str) -> Protocol {
    Protocol::new(s).unwrap()
}

fn money(s: &str) -> Money {
    Money::parse(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The codes of the checks that fail, and of those waiting for a soccorso istruttorio.
fn checks(ev: &Evaluation, protocol: &str, check: Check) -> BTreeSet<String> {
    ev.application(&p(protocol))
        .unwrap_or_else(|| panic!("{protocol} is evaluated"))
        .admission
        .findings
        .iter()
        .filter(|f| f.check == check)
        .map(|f| f.rule.code())
        .collect()
}

/// Each application's outcome and failing checks, exactly as designed; every application of the
/// sample must be listed.
fn assert_outcomes(name: &str, ev: &Evaluation, expected: &[(&str, Outcome, &[&str])]) {
    let listed: BTreeSet<Protocol> = expected.iter().map(|(id, _, _)| p(id)).collect();
    let evaluated: BTreeSet<Protocol> = ev.applications.keys().cloned().collect();
    assert_eq!(listed, evaluated, "{name}: the applications of the sample");
    for (protocol, outcome, failing) in expected {
        let result = ev.application(&p(protocol)).unwrap();
        assert_eq!(result.outcome, *outcome, "{name} {protocol}: outcome");
        let failing: BTreeSet<String> = failing.iter().map(|s| s.to_string()).collect();
        assert_eq!(
            checks(ev, protocol, Check::Fail),
            failing,
            "{name} {protocol}: failing checks"
        );
    }
}

fn granted(ev: &Evaluation, protocol: &str) -> Option<Money> {
    ev.application(&p(protocol)).unwrap().granted
}

fn total(ev: &Evaluation, protocol: &str) -> Option<Decimal> {
    ev.application(&p(protocol))
        .unwrap()
        .scores
        .as_ref()
        .and_then(|s| s.total)
}

fn gaps(ev: &Evaluation, protocol: &str) -> Vec<Gap> {
    ev.application(&p(protocol))
        .unwrap()
        .scores
        .as_ref()
        .map(|s| s.gaps().map(|(_, g)| g.clone()).collect())
        .unwrap_or_default()
}

fn progress(ev: &Evaluation, member: &str) -> (usize, usize) {
    let p = ev
        .diagnostics
        .progress
        .iter()
        .find(|p| p.member.as_str() == member)
        .unwrap_or_else(|| panic!("progress of {member}"));
    (p.applications_done, p.applications_to_score)
}

#[test]
fn the_three_samples_are_embedded_and_load_without_problems() {
    assert_eq!(samples::names(), {
        let mut names = ALL.to_vec();
        names.sort();
        names
    });
    for name in ALL {
        let ws = workspace(name);
        assert!(!ws.applications().is_empty(), "{name}");
    }
}

#[test]
fn every_file_is_written_exactly_as_the_program_writes_it() {
    for name in ALL {
        let root = dir(name);
        let loaded = load(&root);
        assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
        let ws = loaded.workspace.as_ref().expect("the sample loads");
        let on_disk = ron_files(&root);

        // Each file against the text of what it holds.
        let mut expected: BTreeMap<String, String> = BTreeMap::new();
        expected.insert(CALL.into(), to_text::<CallFile>(ws.call().clone()).unwrap());
        expected.insert(
            COMMISSION.into(),
            to_text::<CommissionFile>(ws.commission().clone()).unwrap(),
        );
        let rel = |path: &Path| path.to_string_lossy().replace('\\', "/");
        for (protocol, path) in &loaded.sources.applications {
            let app = ws.application(protocol).unwrap().clone();
            expected.insert(rel(path), to_text::<ApplicationFile>(app).unwrap());
        }
        for (member, path) in &loaded.sources.sheets {
            let sheet = ws.sheet(member).unwrap().clone();
            expected.insert(rel(path), to_text::<SheetFile>(sheet).unwrap());
        }
        for (id, path) in &loaded.sources.sessions {
            let session = ws.session(id).unwrap().clone();
            expected.insert(rel(path), to_text::<SessionFile>(session).unwrap());
        }
        assert_eq!(
            on_disk.keys().collect::<Vec<_>>(),
            expected.keys().collect::<Vec<_>>(),
            "{name}: every file on disk is part of the workspace"
        );
        for (file, text) in &expected {
            let written = String::from_utf8_lossy(&on_disk[file]);
            if let Some((n, (was, now))) = written
                .split('\n')
                .zip(text.split('\n'))
                .enumerate()
                .find(|(_, (a, b))| a != b)
            {
                panic!(
                    "{name}/{file}:{} is not canonical:\n  file:     {was}\n  program:  {now}",
                    n + 1
                );
            }
            assert!(
                on_disk[file] == text.as_bytes(),
                "{name}/{file}: not canonical"
            );
        }

        // And the whole workspace written afresh gives the same files, names included.
        let fresh = tempfile::tempdir().unwrap();
        write_new(fresh.path(), ws).unwrap();
        assert_eq!(ron_files(fresh.path()), on_disk, "{name}: written afresh");
    }
}

#[test]
fn the_binary_embeds_the_files_of_sample_data() {
    for name in ALL {
        let embedded: BTreeMap<String, Vec<u8>> = samples::files(name)
            .expect("embedded")
            .iter()
            .map(|(rel, text)| (rel.to_string(), text.as_bytes().to_vec()))
            .collect();
        assert_eq!(embedded, ron_files(&dir(name)), "{name}: rebuild to embed");

        let out = tempfile::tempdir().unwrap();
        samples::write(name, out.path()).unwrap();
        let loaded = load(out.path());
        assert!(loaded.is_clean(), "{name}: {:?}", loaded.problems);
    }
}

#[test]
fn each_sample_has_a_full_commission_sessions_and_a_declared_conflict() {
    for (name, lots, applications) in [(SONDRIO, 1, 9), (QUARTIERI, 9, 13), (HUB, 1, 12)] {
        let ws = workspace(name);
        assert_eq!(ws.call().lots.len(), lots, "{name}: lots");
        assert_eq!(
            ws.applications().len(),
            applications,
            "{name}: applications"
        );

        let members = &ws.commission().members;
        assert!((3..=5).contains(&members.len()), "{name}: members");
        let count = |role: Role| members.iter().filter(|m| m.role == role).count();
        assert_eq!(count(Role::President), 1, "{name}: one president");
        assert_eq!(count(Role::Secretary), 1, "{name}: one secretary");
        assert!(count(Role::Commissioner) >= 1, "{name}: commissioners");
        assert!(
            ws.commission()
                .appointed_by
                .starts_with("Determinazione dirigenziale n. "),
            "{name}: act of appointment"
        );
        // Every voting member has a sheet; the secretary has none.
        let voting: BTreeSet<&MemberId> = ws.commission().voting_members().map(|m| &m.id).collect();
        assert_eq!(
            ws.sheets().keys().collect::<BTreeSet<_>>(),
            voting,
            "{name}"
        );

        let conflicts = ws
            .sheets()
            .values()
            .flat_map(|s| &s.declarations)
            .filter(|d| d.conflict.is_some())
            .count();
        assert!(conflicts >= 1, "{name}: a declared conflict of interest");

        let kinds: BTreeSet<SessionKind> = ws.sessions().values().map(|s| s.kind).collect();
        assert!(kinds.contains(&SessionKind::OpeningPublic), "{name}");
        assert!(kinds.contains(&SessionKind::ReservedScoring), "{name}");
        for session in ws.sessions().values() {
            assert!(!session.notes.is_empty(), "{name} {}: notes", session.id);
            assert!(!session.present.is_empty(), "{name} {}", session.id);
        }
        // Every decision names the session that took it.
        for app in ws.applications().values() {
            if let Some(d) = &app.decision {
                let session = d.session.as_ref().expect("decision with its session");
                assert!(ws.session(session).is_some(), "{name} {}", app.protocol);
            }
        }

        assert_eq!(
            ws.call().judgement_scale.len(),
            6,
            "{name}: judgement scale"
        );
        assert!(!ws.call().required_documents.is_empty(), "{name}");
        assert!(!ws.call().admitted_legal_forms.is_empty(), "{name}");

        // Discretionary scores carry their reason, except the one left without on purpose.
        let without_reason = ws
            .sheets()
            .values()
            .flat_map(|s| &s.scores)
            .filter(|s| s.reason.trim().is_empty())
            .count();
        assert_eq!(without_reason, usize::from(name == QUARTIERI), "{name}");

        // Some member has not finished, so the evaluation is incomplete somewhere.
        let ev = evaluate(&ws);
        assert!(
            ev.applications
                .values()
                .any(|r| r.outcome == Outcome::Incomplete),
            "{name}: valutazione incompleta"
        );
        assert!(ev.lots.values().any(|l| l.provisional), "{name}");
    }
}

#[test]
fn sondrio_selects_one_subject_and_shows_every_kind_of_exclusion() {
    let ws = workspace(SONDRIO);
    let ev = evaluate(&ws);
    use Outcome::*;
    assert_outcomes(
        SONDRIO,
        &ev,
        &[
            ("2026/0005873", Funded, &[]),
            ("2026/0006160", EligibleNotFunded, &[]),
            ("2026/0006254", ExclusionProposed, &["document:statuto"]),
            ("2026/0006391", BelowThreshold, &[]),
            ("2026/0006452", Incomplete, &[]),
            ("2026/0006498", Incomplete, &[]),
            ("2026/0006511", Excluded, &["legal_form"]),
            (
                "2026/0006519",
                ExclusionProposed,
                &["min_cofinancing_share", "max_contribution_share"],
            ),
            ("2026/0006524", Excluded, &["deadline"]),
        ],
    );

    let lot = &ev.lots[&LotId::new("coworking").unwrap()];
    assert_eq!(lot.ceiling, money("131760.00"));
    assert!(lot.provisional);
    assert_eq!(granted(&ev, "2026/0005873"), Some(money("127500.00")));
    assert_eq!(granted(&ev, "2026/0006160"), Some(Money::ZERO));
    assert_eq!(total(&ev, "2026/0005873"), Some(dec("95.80")));
    assert_eq!(total(&ev, "2026/0006160"), Some(dec("78.51")));
    assert_eq!(ev.application(&p("2026/0005873")).unwrap().rank(), Some(1));

    // Riparametrazione on A: the best gets the full 40 points; the threshold looks before it.
    let retica = ev
        .application(&p("2026/0006160"))
        .unwrap()
        .scores
        .clone()
        .unwrap();
    let a = &retica.criteria[&commissione::domain::CriterionId::new("A").unwrap()];
    assert_eq!(a.points_before_rescaling, Some(dec("32.00")));
    assert_eq!(a.points, Some(dec("36.92")));
    let piastra = ev
        .application(&p("2026/0006391"))
        .unwrap()
        .scores
        .clone()
        .unwrap();
    let a_id = commissione::domain::CriterionId::new("A").unwrap();
    assert_eq!(
        piastra.criteria[&a_id].points_before_rescaling,
        Some(dec("18.67"))
    );
    assert_eq!(
        piastra.threshold_failures,
        vec![ThresholdFailure::Criterion(a_id), ThresholdFailure::Overall]
    );

    // Soccorso istruttorio: one integrated in time (passes), one still open (ammessa con riserva).
    let retica = ev.application(&p("2026/0006160")).unwrap();
    assert!(checks(&ev, "2026/0006160", Check::Pass).contains("document:identita"));
    assert_eq!(retica.admission.outcome, AdmissionOutcome::Admitted);
    let digitale = ev.application(&p("2026/0006498")).unwrap();
    assert_eq!(
        checks(&ev, "2026/0006498", Check::Pending),
        BTreeSet::from(["document:dsan".to_string()])
    );
    assert_eq!(
        digitale.admission.outcome,
        AdmissionOutcome::AdmittedWithReserve
    );

    // Recorded exclusions and proposed ones.
    for (protocol, decided) in [
        ("2026/0006254", false),
        ("2026/0006511", true),
        ("2026/0006519", false),
        ("2026/0006524", true),
    ] {
        let a = &ev.application(&p(protocol)).unwrap().admission;
        assert_eq!(a.decided, decided, "{protocol}");
    }
    let montagna = ev.application(&p("2026/0006519")).unwrap();
    let shortfall = montagna
        .admission
        .findings
        .iter()
        .find(|f| f.rule.code() == "min_cofinancing_share")
        .and_then(|f| f.figures.shortfall);
    assert_eq!(shortfall, Some(money("1000.00")));

    // Dott.ssa Tognini has two applications still to score: a new user can score them.
    assert_eq!(progress(&ev, "tognini"), (3, 5));
    assert_eq!(progress(&ev, "gianoli"), (5, 5));
    assert_eq!(progress(&ev, "pedranzini"), (4, 4));
    let tognini = MemberId::new("tognini").unwrap();
    for protocol in ["2026/0006452", "2026/0006498"] {
        assert!(!gaps(&ev, protocol).is_empty(), "{protocol}");
        assert!(
            gaps(&ev, protocol).iter().all(|g| *g
                == Gap::NotScored {
                    member: tognini.clone()
                }),
            "{protocol}"
        );
    }
    // Arch. Pedranzini abstains on Retica; members disagree on the experience of Valtellina Digitale.
    assert!(ws.abstains(&MemberId::new("pedranzini").unwrap(), &p("2026/0006160")));
    assert!(
        ev.diagnostics
            .discordances
            .iter()
            .any(|d| d.application == p("2026/0006498") && d.criterion.as_str() == "C")
    );
}

#[test]
fn quartieri_connessi_selects_one_subject_per_space() {
    let ws = workspace(QUARTIERI);
    let ev = evaluate(&ws);
    use Outcome::*;
    assert_outcomes(
        QUARTIERI,
        &ev,
        &[
            ("2026/0231548", Funded, &[]),
            ("2026/0248117", Funded, &[]),
            ("2026/0251902", BelowThreshold, &[]),
            ("2026/0253376", Funded, &[]),
            ("2026/0256240", Funded, &[]),
            ("2026/0256991", Incomplete, &[]),
            ("2026/0257835", Funded, &[]),
            ("2026/0258612", EligibleNotFunded, &[]),
            ("2026/0259004", EligibleNotFunded, &[]),
            ("2026/0259875", Excluded, &["tax_code"]),
            (
                "2026/0260133",
                ExclusionProposed,
                &["category_cap:spese_generali"],
            ),
            ("2026/0260519", ExclusionProposed, &["balance"]),
            ("2026/0260688", Incomplete, &[]),
        ],
    );

    // The winner of each space, with the contribution it asked (at most 90%, at most € 62.500).
    let winners: BTreeMap<String, (String, Money)> = ev
        .applications
        .values()
        .filter(|r| r.outcome == Funded)
        .map(|r| {
            (
                r.lot.to_string(),
                (r.protocol.to_string(), r.granted.unwrap()),
            )
        })
        .collect();
    let expected: BTreeMap<String, (String, Money)> = [
        ("abbiati", "2026/0248117", "60720.00"),
        ("mompiani", "2026/0231548", "59160.00"),
        ("odazio", "2026/0256240", "57420.00"),
        ("saponaro", "2026/0253376", "58296.00"),
        ("teano", "2026/0257835", "61072.00"),
    ]
    .iter()
    .map(|(l, a, g)| (l.to_string(), (a.to_string(), money(g))))
    .collect();
    assert_eq!(winners, expected);

    // Every space has its ceiling; the space nobody applied for stays empty.
    for lot in ev.lots.values() {
        assert_eq!(lot.ceiling, money("62500.00"), "{}", lot.lot);
    }
    let empty = ev.lot_applications(&LotId::new("ciceri-visconti").unwrap());
    assert!(empty.is_empty());
    assert!(ev.lots[&LotId::new("barrili").unwrap()].provisional);
    assert_eq!(
        ev.lots[&LotId::new("pascarella").unwrap()].granted,
        Money::ZERO
    );

    let unbalanced = ev.application(&p("2026/0260519")).unwrap();
    let difference = unbalanced
        .admission
        .findings
        .iter()
        .find(|f| f.rule.code() == "balance")
        .and_then(|f| f.figures.difference);
    assert_eq!(difference, Some(dec("-1500.00")));
    assert!(!unbalanced.admission.decided);
    assert!(
        ev.application(&p("2026/0259875"))
            .unwrap()
            .admission
            .decided
    );
    assert!(checks(&ev, "2026/0257835", Check::Pass).contains("document:runts"));
    assert_eq!(
        checks(&ev, "2026/0260688", Check::Pending),
        BTreeSet::from(["document:dsan".to_string()])
    );

    // Arch. Ferrario has not finished the space in via Barrili: a score without its reason and
    // one application not scored at all.
    let ferrario = MemberId::new("ferrario").unwrap();
    assert_eq!(progress(&ev, "ferrario"), (8, 10));
    assert!(gaps(&ev, "2026/0256991").contains(&Gap::NoReason {
        member: ferrario.clone()
    }));
    assert!(gaps(&ev, "2026/0260688").contains(&Gap::NotScored {
        member: ferrario.clone()
    }));
    // Dott. Brambilla abstains on the cooperative his spouse works for.
    assert!(ws.abstains(&MemberId::new("brambilla").unwrap(), &p("2026/0259004")));
    assert_eq!(progress(&ev, "brambilla"), (9, 9));
}

#[test]
fn hub_funds_down_the_ranking_and_stops_at_a_tie() {
    let ws = workspace(HUB);
    let ev = evaluate(&ws);
    use Outcome::*;
    assert_outcomes(
        HUB,
        &ev,
        &[
            ("2026/0561204", Funded, &[]),
            ("2026/0579318", Funded, &[]),
            ("2026/0584772", Funded, &[]),
            ("2026/0590215", TieUnresolved, &[]),
            ("2026/0592036", TieUnresolved, &[]),
            ("2026/0594410", PendingTie, &[]),
            ("2026/0595877", BelowThreshold, &[]),
            ("2026/0596521", Incomplete, &[]),
            (
                "2026/0597102",
                ExclusionProposed,
                &["min_cofinancing_share", "max_contribution_share"],
            ),
            ("2026/0597390", ExclusionProposed, &["tax_code"]),
            ("2026/0597688", Excluded, &["document:identita"]),
            ("2026/0597954", Excluded, &["deadline"]),
        ],
    );

    let lot = &ev.lots[&LotId::new("crowdfunding").unwrap()];
    assert_eq!(lot.ceiling, money("120000.00"));
    assert_eq!(lot.granted, money("75000.00"));
    assert_eq!(lot.remaining, money("45000.00"));
    assert!(lot.halted_by_tie);

    let order: Vec<(u32, &str)> = lot
        .ranking
        .iter()
        .map(|place| (place.rank, place.protocol.as_str()))
        .collect();
    assert_eq!(
        order,
        vec![
            (1, "2026/0584772"),
            (2, "2026/0561204"),
            (3, "2026/0579318"),
            (4, "2026/0590215"),
            (4, "2026/0592036"),
            (6, "2026/0594410"),
        ]
    );
    for (protocol, other) in [
        ("2026/0590215", "2026/0592036"),
        ("2026/0592036", "2026/0590215"),
    ] {
        let place = ev.application(&p(protocol)).unwrap().place.clone().unwrap();
        assert_eq!(
            place.tie,
            Tie::Unresolved {
                with: vec![p(other)]
            }
        );
        assert_eq!(total(&ev, protocol), Some(dec("78.67")));
    }
    // What is left (€ 45.000) covers one of the two in full and the other only in part: the
    // order matters, so nobody below them is funded until the draw.
    assert_eq!(granted(&ev, "2026/0584772"), Some(money("27000.00")));
    assert_eq!(granted(&ev, "2026/0561204"), Some(money("30000.00")));
    assert_eq!(granted(&ev, "2026/0579318"), Some(money("18000.00")));

    // The contribution is 60% of the cost, never more than € 30.000 per project.
    for app in ws.applications().values() {
        assert!(app.requested <= money("30000.00"), "{}", app.protocol);
    }
    let short = ev.application(&p("2026/0597102")).unwrap();
    let shortfall = short
        .admission
        .findings
        .iter()
        .find(|f| f.rule.code() == "min_cofinancing_share")
        .and_then(|f| f.figures.shortfall);
    assert_eq!(shortfall, Some(money("1500.00")));
    assert!(!short.admission.decided);

    // The informal group with a valid personal tax code is admitted; the other one's code is wrong.
    let group = ws.application(&p("2026/0579318")).unwrap();
    assert_eq!(group.applicant.tax_code.len(), 16);
    assert!(checks(&ev, "2026/0579318", Check::Pass).contains("tax_code"));
    assert_eq!(
        ws.application(&p("2026/0597390"))
            .unwrap()
            .applicant
            .tax_code
            .len(),
        16
    );

    // Prof. Mauri has one application still to score; Dott.ssa Fontana abstains on another.
    assert_eq!(progress(&ev, "mauri"), (7, 8));
    assert!(ws.abstains(&MemberId::new("fontana").unwrap(), &p("2026/0584772")));
    assert_eq!(progress(&ev, "fontana"), (7, 7));
}
