#!/usr/bin/env python3
"""The content of a scoring session's verbale as HTML, for benches/libreoffice.sh.

Reads the record commissione keeps when a session closes (sedute/ID.verbale.json) and writes
what the PDF verbale shows, in the same order: heading, opening sentence, commission and
presence, declarations, then per lot and application each member's marks with the judgement
and the reason, the averages and the points, the co-financing table, closing and signatures.
What an office would do with a word processor template and a mail merge.
"""
import html
import json
import sys

ROLE = {"President": "Presidente", "Commissioner": "Componente", "Secretary": "Segretario verbalizzante"}


def esc(x):
    return html.escape("" if x is None else str(x))


def euro(x):
    whole, _, cents = ("%.2f" % float(x)).partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return "€ " + ".".join(groups) + "," + cents


def table(out, head, rows):
    out.append("<table><thead><tr>" + "".join(f"<th>{esc(h)}</th>" for h in head) + "</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")


def main(path):
    rec = json.load(open(path, encoding="utf-8"))
    call, session, commission = rec["call"], rec["session"], rec["commission"]
    names = {m["id"]: m["name"] for m in commission["members"]}
    out = [
        "<!DOCTYPE html><html lang='it'><head><meta charset='utf-8'><title>Verbale</title>",
        "<style>@page{size:A4;margin:2cm} body{font-family:'Liberation Serif';font-size:11pt}"
        " table{border-collapse:collapse;width:100%} th,td{border:0.5pt solid #000;padding:2pt;"
        "font-size:9pt;vertical-align:top} thead{display:table-header-group}</style></head><body>",
        f"<p>{esc(call['authority'])}<br>{esc(call['office'])}</p>",
        f"<h1>{esc(call['title'])}</h1>",
        f"<h2>Verbale n. {session['number']} — seduta del {esc(session['date'])}</h2>",
        f"<p>Il giorno {esc(session['date'])}, alle ore {esc(session['start'])}, presso {esc(session['place'])}, "
        f"si è riunita la commissione di valutazione nominata con {esc(commission['appointed_by'])}.</p>",
    ]
    table(out, ["Componente", "Ruolo", "Presente"],
          [[m["name"], ROLE.get(m["role"], m["role"]), "sì" if m["present"] else "no"] for m in commission["members"]])
    out.append("<h3>Dichiarazioni</h3>")
    for d in rec["declarations"]:
        out.append(f"<p>{esc(names.get(d['member'], d['member']))} dichiara l'assenza di conflitti di interesse "
                   f"per {len(d['no_conflict'])} candidature; si astiene per {len(d['conflicts'])}.</p>")
    for note in rec["notes"]:
        out.append(f"<p>{esc(note)}</p>")
    scoring = rec["business"].get("Scoring")
    if scoring:
        for lot in scoring["lots"]:
            out.append(f"<h2>Lotto {esc(lot['lot'])}</h2>")
            for app in lot["applications"]:
                out.append(f"<h3>Candidatura {esc(app['protocol'])} — {esc(app['applicant'])}</h3>")
                out.append(f"<p>{esc(app['title'])}</p>")
                rows = []
                for c in app["criteria"]:
                    for m in c["marks"]:
                        rows.append([c["criterion"], names.get(m["member"], m["member"]),
                                     f"{m['value']} {m.get('judgement') or ''}", m["reason"]])
                table(out, ["Criterio", "Componente", "Valutazione", "Motivazione"], rows)
                table(out, ["Criterio", "Media", "Punti prima della riparametrazione", "Punti"],
                      [[c["criterion"], c["mean"] or "—", c["points_before_rescaling"] or "—", c["points"] or "—"]
                       for c in app["criteria"]])
            out.append("<h3>Co-finanziamento</h3>")
            table(out, ["Protocollo", "Soggetto", "Costo complessivo", "Monetario", "In natura", "Richiesto", "Quota"],
                  [[c["protocol"], c["applicant"], euro(c["total_cost"]), euro(c["cash"]), euro(c["in_kind"]),
                    euro(c["requested"]), c["share_percent"] + "%"] for c in lot["cofinancing"]])
    out.append(f"<p>La seduta termina alle ore {esc(session['end'])}.</p><p>Letto, confermato e sottoscritto.</p>")
    table(out, ["Componente", "Firma"], [[m["name"], ""] for m in commission["members"]])
    out.append("</body></html>")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
