//! The worked cases of the design, reproduced to the cent through the project's own files:
//! `tests/fixtures/NAME` is the workspace, `tests/fixtures/expected/NAME.json` the result the
//! design states. The comparison follows the design's checker figure by figure.

use std::path::Path;

use commissione::cli::rank::json_report;
use commissione::rules::evaluate;
use commissione::workspace::load;
use rust_decimal::Decimal;
use serde_json::Value;

fn ranked(name: &str) -> Value {
    let loaded = load(&Path::new("tests/fixtures").join(name));
    assert!(loaded.problems.is_empty(), "{name}: {:?}", loaded.problems);
    let ws = loaded.workspace.expect("the fixture loads");
    let lots: Vec<_> = ws.call().lots.iter().map(|l| l.id.clone()).collect();
    json_report(&evaluate(&ws), &lots)
}

fn expected(name: &str) -> Value {
    let text =
        std::fs::read_to_string(Path::new("tests/fixtures/expected").join(format!("{name}.json")))
            .expect("the expected result is in the repository");
    serde_json::from_str(&text).expect("valid JSON")
}

fn number(v: &Value) -> Option<Decimal> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.to_string().parse().ok(),
        _ => None,
    }
}

/// Every mismatch between the expected and the actual result, as the design's checker reports them.
fn mismatches(expected: &Value, actual: &Value) -> Vec<String> {
    let mut bad = Vec::new();
    let (Some(exp), Some(act)) = (expected.as_object(), actual.as_object()) else {
        return vec!["not objects".into()];
    };
    for (id, e) in exp {
        let Some(a) = act.get(id) else {
            bad.push(format!("{id}: missing"));
            continue;
        };
        for k in ["lot", "outcome", "rank"] {
            if let Some(ev) = e.get(k)
                && a.get(k) != Some(ev)
            {
                bad.push(format!("{id}.{k}: {:?} != {ev:?}", a.get(k)));
            }
        }
        for k in [
            "total",
            "total_before_rescaling",
            "granted",
            "cofinancing_share_percent",
        ] {
            if let Some(ev) = e.get(k)
                && a.get(k).and_then(number) != number(ev)
            {
                bad.push(format!("{id}.{k}: {:?} != {ev:?}", a.get(k)));
            }
        }
        for k in ["points", "points_before_rescaling"] {
            for (c, ev) in e.get(k).and_then(Value::as_object).into_iter().flatten() {
                let got = a.get(k).and_then(|p| p.get(c));
                if got.and_then(number) != number(ev) {
                    bad.push(format!("{id}.{k}.{c}: {got:?} != {ev:?}"));
                }
            }
        }
        if let Some(ev) = e.get("threshold_failures") {
            let sorted = |v: Option<&Value>| {
                let mut list: Vec<String> = v
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|x| x.to_string())
                    .collect();
                list.sort();
                list
            };
            if sorted(a.get("threshold_failures")) != sorted(Some(ev)) {
                bad.push(format!(
                    "{id}.threshold_failures: {:?} != {ev:?}",
                    a.get("threshold_failures")
                ));
            }
        }
        for f in e
            .get("findings")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let rule = &f["rule"];
            let Some(g) = a["findings"]
                .as_array()
                .and_then(|l| l.iter().find(|x| &x["rule"] == rule))
            else {
                bad.push(format!("{id}.findings.{rule}: missing"));
                continue;
            };
            if g["ok"] != f["ok"] {
                bad.push(format!(
                    "{id}.findings.{rule}.ok: {} != {}",
                    g["ok"], f["ok"]
                ));
            }
            if f["ok"] == Value::Bool(false) {
                for k in ["shortfall", "excess", "difference", "cap"] {
                    if let Some(ev) = f.get(k)
                        && g.get(k).and_then(number) != number(ev)
                    {
                        bad.push(format!(
                            "{id}.findings.{rule}.{k}: {:?} != {ev:?}",
                            g.get(k)
                        ));
                    }
                }
            }
        }
    }
    bad
}

#[test]
fn example_a_sondrio_single_winner() {
    let bad = mismatches(&expected("example-a"), &ranked("example-a"));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn example_b_tie_awaiting_a_draw() {
    let bad = mismatches(&expected("example-b"), &ranked("example-b"));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn example_b_after_the_draw() {
    let bad = mismatches(&expected("example-b-lottery"), &ranked("example-b-lottery"));
    assert!(bad.is_empty(), "{bad:#?}");
}

#[test]
fn the_comparison_catches_a_wrong_figure() {
    // A checker that cannot fail proves nothing: change one expected cent and see it caught.
    let mut exp = expected("example-a");
    exp["P2"]["total"] = Value::String("87.74".into());
    exp["P4"]["findings"][1]["shortfall"] = Value::String("499.99".into());
    let bad = mismatches(&exp, &ranked("example-a"));
    assert_eq!(bad.len(), 2, "{bad:#?}");
}

#[test]
fn each_member_and_the_totals_of_example_a() {
    let r = ranked("example-a");
    assert_eq!(r["P2"]["total"], "87.73");
    assert_eq!(r["P1"]["total"], "78.81");
    assert_eq!(r["P3"]["total"], "72.24");
    assert_eq!(r["P4"]["outcome"], "excluded");
    assert!(r["P4"].get("rank").is_none());
}
