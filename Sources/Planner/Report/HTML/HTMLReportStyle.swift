/// The HTML report's style sheet, inlined in the page: system fonts only, no image, no import.
enum HTMLReportStyle {
    static let css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 72em;
               padding: 0 1em; color: #1d232a; background: #ffffff; line-height: 1.4; }
        h1 { font-size: 1.6em; border-bottom: 3px solid #2f5d8a; padding-bottom: .3em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; color: #2f5d8a; }
        table { border-collapse: collapse; width: 100%; margin: .5em 0; font-size: .92em; }
        th, td { border: 1px solid #d0d7de; padding: .35em .6em; text-align: left; vertical-align: top; }
        th { background: #eef2f6; }
        caption { text-align: left; color: #57606a; padding-bottom: .3em; }
        table.kv th { width: 14em; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .95em; overflow-wrap: anywhere; }
        small { color: #57606a; }
        .verdict { padding: .6em 1em; border-radius: 4px; font-weight: 600; }
        .verdict.ok { background: #dafbe1; color: #116329; }
        .verdict.bad { background: #ffebe9; color: #a40e26; }
        .sev { display: inline-block; padding: 0 .5em; border-radius: 3px; color: #ffffff; font-size: .85em; }
        .sev.critical { background: #8b0000; } .sev.high { background: #cf222e; }
        .sev.medium { background: #bf8700; } .sev.low { background: #57606a; }
        .st { font-weight: 600; }
        .st.ok { color: #116329; } .st.bad { color: #cf222e; } .st.waived { color: #8250df; } .st.skip { color: #57606a; }
        @media print { body { margin: 0; max-width: none; } }
        """
}
