// SpineLens page. Everything shown is set with textContent: report text is never parsed as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const CAT = {
    red_flag: "red flag", concordant: "concordant", possibly_concordant: "possibly concordant",
    discordant: "discordant", likely_incidental: "likely incidental", indeterminate: "indeterminate",
  };
  const ORDER = ["T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5", "L6", "S1", "S2", "S3", "S4", "S5"];
  let last = null;

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  const label = (t) => t.replace(/_/g, " ");
  const category = (f) => (f.assessment && f.assessment.category) || (f.certainty === "absent" ? "absent" : "indeterminate");
  function levelKey(level) {
    if (!level) return 999;
    const i = ORDER.indexOf(level.split("-")[0]);
    return i < 0 ? 500 : i;
  }
  function describe(f) {
    return [f.level, f.side, f.zone, label(f.type)].filter(Boolean).join(" ");
  }

  function renderReport(text, findings) {
    const view = $("report-view");
    view.replaceChildren();
    const marks = [];
    for (const f of findings) for (const m of f.mentions) marks.push({ start: m.start, end: m.end, f });
    marks.sort((a, b) => a.start - b.start || (b.end - b.start) - (a.end - a.start));
    let pos = 0;
    for (const m of marks) {
      if (m.start < pos) continue; // overlapping mention: the first one is shown
      view.append(document.createTextNode(text.slice(pos, m.start)));
      const cat = category(m.f);
      const mark = el("mark", text.slice(m.start, m.end), "cat-" + cat);
      mark.tabIndex = 0;
      const reason = m.f.assessment ? m.f.assessment.reasons.join(" ") : "";
      const tip = [label(m.f.type), m.f.level || "level not stated", m.f.side || "", m.f.severity || "",
        m.f.certainty, cat === "absent" ? "" : CAT[cat] || cat].filter(Boolean).join(" · ");
      mark.setAttribute("aria-label", tip + (reason ? ". " + reason : ""));
      mark.dataset.finding = m.f.id;
      const box = el("span", null, "tip");
      box.setAttribute("role", "tooltip");
      box.append(el("strong", tip));
      if (reason) box.append(el("span", reason));
      mark.append(box);
      view.append(mark);
      pos = m.end;
    }
    view.append(document.createTextNode(text.slice(pos)));
  }

  const COLUMNS = ["Level", "Finding", "Side", "Severity", "Certainty", "Category", "Why"];

  // What the report says is there, by level; what it says is absent, collapsed below.
  function renderTable(findings) {
    const body = $("findings").tBodies[0];
    body.replaceChildren();
    const rows = findings.filter((f) => f.certainty !== "absent").sort((a, b) => levelKey(a.level) - levelKey(b.level));
    if (!rows.length) {
      const td = el("td", "No finding stated as present or possible.");
      td.colSpan = 7;
      const tr = el("tr");
      tr.append(td);
      body.append(tr);
    }
    let current;
    for (const f of rows) {
      if (f.level !== current) {
        current = f.level;
        const head = el("tr", null, "level-row");
        const th = el("th", f.level || "No level stated");
        th.colSpan = 7;
        th.scope = "rowgroup";
        head.append(th);
        body.append(head);
      }
      const tr = el("tr", null, "cat-row-" + category(f));
      const extra = [f.zone, f.size_mm ? f.size_mm + " mm" : null, f.modic_type ? "type " + f.modic_type : null]
        .filter(Boolean).join(", ");
      const roots = (f.nerve_roots || []).map((r) => [r.side, r.root, r.relation].filter(Boolean).join(" ")).join("; ");
      const cells = [f.level || "—", label(f.type) + (extra ? " (" + extra + ")" : "") + (roots ? " — " + roots : ""),
        f.side || "—", f.severity || "—", f.certainty, f.assessment ? CAT[f.assessment.category] : "—",
        f.assessment ? f.assessment.reasons.join(" ") : ""];
      cells.forEach((c, i) => {
        const td = el("td", c);
        td.dataset.label = COLUMNS[i]; // the column's name, shown beside the value on a narrow screen
        if (i === 5 && f.assessment) td.className = "cat-" + f.assessment.category;
        tr.append(td);
      });
      body.append(tr);
    }
    renderAbsent(findings.filter((f) => f.certainty === "absent").sort((a, b) => levelKey(a.level) - levelKey(b.level)));
  }

  function renderAbsent(absent) {
    const box = $("absent");
    box.hidden = !absent.length;
    box.open = false;
    box.querySelector("summary").textContent = "Stated as absent (" + absent.length + ")";
    const list = box.querySelector("ul");
    list.replaceChildren();
    for (const f of absent) {
      const where = [f.level, f.side].filter(Boolean).join(", ");
      list.append(el("li", label(f.type) + (where ? " (" + where + ")" : "")));
    }
  }

  function renderIncidental(findings) {
    const list = $("incidental");
    list.replaceChildren();
    const items = findings.filter((f) => f.assessment && f.assessment.category === "likely_incidental");
    if (!items.length) list.append(el("li", "None."));
    for (const f of items) {
      const p = f.assessment.asymptomatic_prevalence;
      const prev = p ? ` — seen in about ${p.percent}% of people aged ${p.age} without back pain` : "";
      list.append(el("li", describe(f) + prev));
    }
  }

  function summaryText(r) {
    const lines = ["SpineLens summary" + (r.id ? " (" + r.id + ")" : ""), r.summary.headline];
    for (const flag of r.summary.red_flags || []) lines.push("RED FLAG: " + flag);
    for (const f of r.findings) {
      if (f.certainty === "absent" || !f.assessment) continue;
      lines.push(`- ${describe(f)} (${f.certainty}): ${CAT[f.assessment.category]}. ${f.assessment.reasons[0] || ""}`);
    }
    lines.push("Decision support only: it does not replace clinical judgement.");
    return lines.join("\n");
  }

  function render(r, text) {
    last = r;
    $("results").hidden = false;
    const banner = $("banner");
    const flags = r.summary.red_flags || [];
    banner.hidden = !flags.length;
    banner.replaceChildren();
    if (flags.length) {
      banner.append(el("strong", "Red flag — needs urgent clinical review"));
      const ul = el("ul");
      for (const f of flags) ul.append(el("li", f));
      banner.append(ul);
    }
    $("headline").textContent = r.summary.headline;
    const c = r.clinical || {};
    const sym = (c.symptoms || []).filter((s) => s.certainty !== "absent")
      .map((s) => [s.side, label(s.type), s.roots && s.roots.length ? "(" + s.roots.join("/") + ")" : ""].filter(Boolean).join(" "));
    $("clinical").textContent = "Clinical: " + ([c.age != null ? "age " + c.age : null, c.sex, sym.join(", ")]
      .filter(Boolean).join("; ") || "no symptoms given — add them to correlate");
    renderReport(text, r.findings);
    renderTable(r.findings);
    renderIncidental(r.findings);
    (r.warnings || []).forEach((w) => { $("status").textContent = "Note: " + w; });
  }

  $("form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const text = $("report").value;
    if (!text.trim()) { $("status").textContent = "Paste a report first."; return; }
    const body = { text, symptoms: $("symptoms").value || null, sex: $("sex").value || null,
      age: $("age").value === "" ? null : Number($("age").value) };
    $("status").textContent = "Analysing…";
    $("analyze").disabled = true;
    try {
      const res = await fetch("/api/analyze", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body) });
      // An error from a proxy or the server itself may not be JSON: show its status instead.
      const data = await res.json().catch(() => ({ detail: res.status + " " + res.statusText }));
      if (!res.ok) {
        $("status").textContent = "Could not analyse: " + (typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
        return;
      }
      $("status").textContent = "";
      render(data, text);
      $("results").scrollIntoView({ block: "start" });
    } catch (e) {
      $("status").textContent = "Could not reach SpineLens: " + e.message;
    } finally {
      $("analyze").disabled = false;
    }
  });

  $("copy").addEventListener("click", async () => {
    if (!last) return;
    const text = summaryText(last);
    try {
      await navigator.clipboard.writeText(text);
    } catch (e) {
      const area = el("textarea", text);
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
    $("status").textContent = "Summary copied for the chart.";
  });

  $("download").addEventListener("click", () => {
    if (!last) return;
    const blob = new Blob([JSON.stringify(last, null, 2)], { type: "application/json" });
    const a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = (last.id || "spinelens") + ".json";
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  });
})();
