/** The HTML report's stylesheet, inlined so the report is one file with no external assets. */
export const STYLE = `
:root { --bg:#f6f7f9; --card:#fff; --ink:#1c2330; --muted:#5b6473; --line:#dde1e7; --error:#c62828; --warning:#b26a00; --ok:#2e7d32; --accent:#2f5bd3; --code:#0f1722; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; color:var(--ink); background:var(--bg); }
header { background:#101828; color:#fff; padding:20px 32px; display:flex; align-items:baseline; gap:16px; flex-wrap:wrap; }
header h1 { margin:0; font-size:20px; } header .meta { color:#b8c1d1; font-size:13px; }
main { padding:24px 32px; max-width:1280px; margin:0 auto; }
.status { font-size:16px; font-weight:600; margin:0 0 16px; }
.status.fail { color:var(--error); } .status.pass { color:var(--ok); } .status.warn { color:var(--warning); }
.cards { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:12px; margin-bottom:20px; }
.card { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.card .n { font-size:26px; font-weight:700; } .card .l { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
.card.error .n { color:var(--error); } .card.warning .n { color:var(--warning); }
.charts { display:grid; grid-template-columns:2fr 1fr 1fr; gap:12px; margin-bottom:20px; }
@media (max-width:900px) { .charts { grid-template-columns:1fr; } }
.chart { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 16px; }
.chart h3 { margin:0 0 8px; font-size:13px; color:var(--muted); text-transform:uppercase; letter-spacing:.04em; }
.chart svg text { font-size:12px; fill:var(--ink); } .chart .empty { color:var(--muted); }
.notes { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--accent); border-radius:8px; padding:8px 16px; margin-bottom:20px; }
.notes p { margin:6px 0; }
section { margin-bottom:28px; } h2 { font-size:17px; margin:0 0 10px; }
.filters { display:flex; gap:8px; flex-wrap:wrap; align-items:center; background:var(--card); border:1px solid var(--line); border-radius:8px; padding:10px 12px; margin-bottom:12px; position:sticky; top:0; z-index:1; }
.filters select, .filters input { font:inherit; padding:4px 8px; border:1px solid var(--line); border-radius:6px; background:#fff; }
.filters input { min-width:240px; flex:1; } .filters .count { color:var(--muted); margin-left:auto; }
article.finding { background:var(--card); border:1px solid var(--line); border-left:4px solid var(--warning); border-radius:8px; padding:12px 16px; margin-bottom:10px; }
article.finding.error { border-left-color:var(--error); }
article.finding header { all:unset; display:flex; gap:10px; align-items:baseline; flex-wrap:wrap; }
.badge { display:inline-block; font-size:11px; font-weight:700; text-transform:uppercase; padding:1px 8px; border-radius:10px; color:#fff; background:var(--warning); }
.badge.error { background:var(--error); } .badge.level { background:#e8ecf5; color:#33415c; } .badge.sup { background:#e9f3ea; color:#1e5b22; }
.rule { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; color:var(--accent); }
.loc { font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; font-size:12.5px; color:var(--muted); }
.msg { margin:6px 0; font-weight:500; }
pre.frame { background:var(--code); color:#dbe3ef; border-radius:6px; padding:8px 0; overflow-x:auto; font:12.5px/1.55 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace; margin:8px 0; }
pre.frame .ln { display:block; padding:0 12px; white-space:pre; } pre.frame .ln.hl { background:#3b1d22; }
pre.frame .no { color:#6b7a90; user-select:none; display:inline-block; min-width:3.5em; text-align:right; padding-right:10px; }
pre.frame mark { background:#f2b8b5; color:#1c0d0f; border-radius:2px; }
.flow { margin:6px 0; padding-left:18px; color:var(--muted); } .flow li { margin:2px 0; }
.fix, .policy { margin:4px 0; font-size:13px; } .fix b, .policy b { color:var(--muted); font-weight:600; }
table { width:100%; border-collapse:collapse; background:var(--card); border:1px solid var(--line); border-radius:8px; overflow:hidden; }
th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; font-size:13px; }
th { background:#eef1f5; font-weight:600; } td.num { text-align:right; font-variant-numeric:tabular-nums; }
.expired { color:var(--error); font-weight:600; } .unused { color:var(--muted); }
.none { color:var(--muted); font-style:italic; } .nowrap { white-space:nowrap; }
footer { color:var(--muted); font-size:12px; padding:16px 32px 32px; text-align:center; }
[hidden] { display:none !important; }
`;
