/** The one stylesheet (no inline styles, so the CSP can forbid them). Colours meet WCAG AA. */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-size:16px}
body{margin:0;font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;color:#1f2328;background:#f5f6f8;line-height:1.7}
a{color:#0b5cad}
a:hover{color:#08427c}
:focus-visible{outline:3px solid #f0a500;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:1rem;top:.6rem}
header.site{background:#a8121c;color:#fff}
header.site .bar{max-width:1100px;margin:0 auto;padding:.9rem 1.2rem;display:flex;align-items:center;justify-content:space-between;gap:1rem;flex-wrap:wrap}
header.site .brand{color:#fff;text-decoration:none;font-size:1.35rem;font-weight:700;letter-spacing:.05em}
header.site .who{font-size:.95rem}
header.site .who form{display:inline}
header.site .who button{background:transparent;border:1px solid #fff;color:#fff;padding:.2rem .7rem;border-radius:3px;cursor:pointer;font:inherit}
nav.main{background:#fff;border-bottom:1px solid #d8dde3}
nav.main ul{max-width:1100px;margin:0 auto;padding:0 1.2rem;list-style:none;display:flex;gap:.2rem;flex-wrap:wrap}
nav.main a{display:block;padding:.65rem .9rem;text-decoration:none;color:#1f2328;border-bottom:3px solid transparent}
nav.main a[aria-current="page"]{color:#a8121c;border-bottom:3px solid #a8121c;font-weight:700}
main{max-width:1100px;margin:1.2rem auto;padding:1.2rem 1.6rem 2rem;background:#fff;border:1px solid #d8dde3;border-radius:4px;overflow-x:auto}
h1{font-size:1.6rem;margin:.2rem 0 1rem;color:#1f2328}
h2{font-size:1.25rem;margin:1.6rem 0 .6rem;border-left:4px solid #a8121c;padding-left:.6rem}
footer.site{max-width:1100px;margin:0 auto 2rem;padding:0 1.2rem;color:#4b5563;font-size:.9rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem}
caption{text-align:left;font-weight:700;padding:.3rem 0}
th,td{border:1px solid #c9d0d8;padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:#eef1f5;white-space:nowrap}
dl.facts{display:grid;grid-template-columns:10rem 1fr;gap:.3rem 1rem}
dl.facts dt{font-weight:700;color:#374151}
dl.facts dd{margin:0;overflow-wrap:anywhere}
form.stack{max-width:40rem}
div.edit-grid{display:grid;grid-template-columns:minmax(0,40rem) minmax(16rem,1fr);gap:1.6rem;align-items:start}
@media (max-width:900px){div.edit-grid{grid-template-columns:1fr}}
aside.live-findings{position:sticky;top:1rem;max-height:calc(100vh - 2rem);overflow:auto;border:1px solid #d8dde3;border-radius:4px;padding:0 1rem;background:#fafbfc}
ul.finding-cards{list-style:none;margin:0 0 1rem;padding:0}
ul.finding-cards li{border-left:4px solid #b45309;padding:.3rem .7rem;margin:.6rem 0;background:#fff}
ul.finding-cards li.sev-error{border-left-color:#b3261e}
ul.finding-cards li p{margin:.3rem 0 0}
ol.audit-findings{padding-left:1.6rem}
ol.audit-findings li{border-left:4px solid #b45309;padding:.3rem .7rem;margin:.6rem 0;background:#fffaf0}
ol.audit-findings li.sev-error{border-left-color:#b3261e;background:#fdf3f2}
ol.audit-findings li:target{outline:3px solid #f0a500}
ol.audit-findings li p{margin:.3rem 0 0}
ol.audit-findings ul.splits{margin:.2rem 0;padding-left:1.2rem;font-size:.9rem;columns:14rem}
ol.audit-findings ul.splits.placements{columns:auto}
ol.audit-findings ul.splits li{border:0;background:none;padding:0;margin:.1rem 0}
ol.audit-findings .meta{color:#4b5563;font-size:.9rem;margin-left:.4rem}
td.flag-error,span.flag-error{outline:3px solid #b3261e;outline-offset:-3px;background:#fdf3f2}
td.flag-warning,span.flag-warning{outline:3px solid #b45309;outline-offset:-3px;background:#fffaf0}
span.flag{padding:0 .3rem}
td.flag a{font-weight:700;color:#1f2328}
td.flag .flag-note{display:block;font-size:.85rem;color:#b3261e;white-space:nowrap}
p.verdict{font-size:1.1rem;padding:.6rem .9rem;border-radius:4px}
p.verdict-error{background:#fdf3f2;border:1px solid #b3261e}
p.verdict-ok{background:#eef7ee;border:1px solid #2e7d32}
div.audited-report h1{font-size:1.3rem}
div.audited-report h2{font-size:1.1rem}
div.audited-report p.table-picture{background:#fdf3f2;border:1px dashed #b3261e;border-radius:4px;padding:1.2rem 1rem;text-align:center}
ul.report-list{padding-left:1.2rem}
ul.report-list li{margin:.3rem 0}
ul.report-list .meta{margin-left:.6rem}
section.workflow{border:1px solid #d8dde3;border-radius:4px;padding:.4rem 1.2rem 1rem;margin:0 0 1.2rem;background:#fafbfc}
section.workflow form.workflow-action{margin:.6rem 0;padding-top:.6rem;border-top:1px dashed #d8dde3}
.field{margin:0 0 1rem}
.field.invalid{border-left:4px solid #b3261e;padding-left:.8rem}
fieldset{border:1px solid #c9d0d8;border-radius:4px;margin:1.4rem 0 1rem;padding:.6rem 1rem 0;min-width:0}
legend{font-weight:700;font-size:1.05rem;padding:0 .4rem}
.field label{display:block;font-weight:700;margin-bottom:.25rem}
.field .hint{display:block;color:#4b5563;font-size:.9rem}
.field input[type=text],.field input[type=password],.field input[type=email],.field input[type=url],.field input[type=date],.field select,.field textarea{width:100%;padding:.5rem .6rem;border:1px solid #6b7280;border-radius:3px;font:inherit;background:#fff}
.field input:not([type=checkbox]):not([type=radio]),.field select{height:2.8rem}
.field.invalid input,.field.invalid select{border:2px solid #b3261e}
.field .error{display:block;color:#b3261e;font-weight:700}
.check label{display:inline;font-weight:400}
button,.button{display:inline-block;background:#a8121c;color:#fff;border:0;border-radius:3px;padding:.55rem 1.2rem;font:inherit;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#a8121c;border:1px solid #a8121c}
.actions{display:flex;gap:.8rem;align-items:center;flex-wrap:wrap;margin:1rem 0}
.notice{border-left:5px solid #0b5cad;background:#eef5fc;padding:.8rem 1rem;margin:0 0 1rem}
.alert{border-left:5px solid #b3261e;background:#fdf0ef;padding:.8rem 1rem;margin:0 0 1rem}
.alert ul{margin:.3rem 0 0;padding-left:1.2rem}
.notice>:first-child,.alert>:first-child{margin-top:0}
.notice>:last-child,.alert>:last-child{margin-bottom:0}
.secret{font-family:"Noto Sans Mono","DejaVu Sans Mono",monospace;font-size:1.3rem;background:#fff;border:1px dashed #0b5cad;padding:.3rem .6rem;display:inline-block}
.tree ul{list-style:none;padding-left:1.4rem;border-left:1px dotted #9ca3af;margin:.2rem 0}
.tree>ul{padding-left:0;border:0}
.meta{color:#4b5563;font-size:.9rem}
.filters{display:flex;gap:.8rem;flex-wrap:wrap;align-items:flex-end}
.filters .field{margin:0}
pre.json{white-space:pre-wrap;word-break:break-all;font-size:.85rem;margin:0;min-width:16rem;max-width:28rem}
@media (max-width:40rem){
main{margin:.6rem 0;padding:1rem 1rem 1.4rem;border-left:0;border-right:0;border-radius:0}
table{min-width:36rem}
dl.facts{grid-template-columns:1fr;gap:0}
dl.facts dd{margin-bottom:.5rem}
}
td.num{text-align:right;font-variant-numeric:tabular-nums}
thead th.note{white-space:normal;font-weight:400;font-size:.85rem}
.annual-report table{font-size:.95rem}
.annual-report thead th{white-space:normal;min-width:2.5em}
`;

/** The live check beside the report editing form: re-validates as the officer types. */
export const REPORT_EDIT_JS = `(() => {
  const form = document.querySelector('form[data-live-check]');
  const out = document.getElementById('live-findings');
  if (!form || !out) return;
  let timer = 0;
  let seq = 0;
  const run = async () => {
    const mine = ++seq;
    try {
      const res = await fetch(form.dataset.liveCheck, {
        method: 'POST',
        body: new URLSearchParams(new FormData(form)),
        credentials: 'same-origin',
      });
      if (res.ok && mine === seq) out.innerHTML = await res.text();
    } catch {
      /* offline: the findings are checked again on saving */
    }
  };
  form.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, 600);
  });
})();
`;
