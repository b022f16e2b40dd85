#!/usr/bin/env python3
"""Turns the generated man pages (docs/man/hvharden.1, hvharden.SUBCOMMAND.1, written by
swift-argument-parser's generate-manual plugin through scripts/generate-docs.sh) into the pages
the Debian package installs: hvharden.1 and hvharden-SUBCOMMAND.1, so that `man hvharden-plan`
finds a page, in mdoc that `mandoc -T lint` and `man --warnings` accept.

    scripts/package-man.py SOURCE_DIR DEST_DIR

docs/man/ is not changed: the plugin's output stays what it is, and a test compares it with
the binary. What changes on the way:

  * names: `.Dt HVHARDEN.PLAN`, `.Nm "hvharden plan"`, `.Xr hvharden.plan 1` become
    HVHARDEN-PLAN, hvharden-plan and `.Xr hvharden-plan 1`; the SYNOPSIS still reads
    `hvharden plan ...`, which is what one types; every subcommand page refers back to hvharden(1);
  * EXIT STATUS: the plugin always writes `.Ex -std` ("exits 0 on success, and >0 if an error
    occurs"), which is wrong for `plan --detailed-exitcode` (2 means changes). A command's
    help text states its exit status in a paragraph starting "Exit status:"; that paragraph is
    moved from DESCRIPTION to EXIT STATUS. Usage errors exit 1, like every other error;
  * the help text's "Example(s):" paragraph, indented lines, becomes an EXAMPLES section with a
    literal display, instead of text that the formatter refills into one line;
  * blank lines become `.Pp`, a `.Pp` right before `.It`, `.Bl` or `.El` is dropped, each sentence
    starts on its own line, and the one-line description (`.Nd`) loses its final full stop.
"""
import os
import re
import sys

USAGE_EXIT = 1  # hvharden maps argument-parser's EX_USAGE (64) to 1 (HVHarden.main)
SENTENCE_BREAK = re.compile(r"(?<=[A-Za-z0-9)'][.?!]) +(?=[A-Z])")


def split_sentences(line):
    """One sentence a line, the mdoc convention (mandoc: "new sentence, new line")."""
    if line.startswith(".") or line.startswith("'"):
        return [line]
    return SENTENCE_BREAK.split(line)


def paragraphs(lines):
    """Text lines split at blank lines."""
    out, current = [], []
    for line in lines:
        if line.strip() == "":
            if current:
                out.append(current)
            current = []
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def page_name(file_name):
    """`hvharden.plan.1` -> (`hvharden-plan`, `plan`); `hvharden.1` -> (`hvharden`, None)."""
    stem = file_name[: -len(".1")]
    parts = stem.split(".")
    if len(parts) == 1:
        return stem, None
    return "-".join(parts), " ".join(parts[1:])


def convert(text, file_name, all_pages):
    name, subcommand = page_name(file_name)
    lines = text.rstrip("\n").split("\n")
    out = []
    exit_status = []
    examples = []
    section = None
    synopsis_name_done = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(".Sh "):
            section = line[4:].strip('"')
            if section == "EXIT STATUS":
                # Replaced below, with the text moved out of DESCRIPTION.
                i += 1
                while i < len(lines) and not lines[i].startswith(".Sh "):
                    i += 1
                continue
            if section == "SEE ALSO":
                i += 1
                while i < len(lines) and not lines[i].startswith(".Sh "):
                    i += 1
                continue
            out.append(line)
            i += 1
            continue
        if line.startswith(".Dt "):
            out.append(".Dt %s 1" % name.upper())
        elif line.startswith(".Nm") and section == "NAME":
            out.append(".Nm %s" % name)
        elif line == ".Nm" and section == "SYNOPSIS" and not synopsis_name_done and subcommand:
            out.append(".Nm hvharden Cm %s" % subcommand)
            synopsis_name_done = True
        elif line.startswith(".Nd "):
            description = line[4:].strip().strip('"').rstrip(".")
            out.append(".Nd %s" % description)
        elif section == "DESCRIPTION" and not line.startswith("."):
            # The help text: plain lines up to the first macro (the option list).
            block = []
            while i < len(lines) and not lines[i].startswith("."):
                block.append(lines[i])
                i += 1
            first = True
            for para in paragraphs(block):
                head = para[0].strip()
                if head.startswith("Exit status:"):
                    exit_status = " ".join(l.strip() for l in para)[len("Exit status:"):].strip()
                    continue
                if head in ("Example:", "Examples:"):
                    examples = [l[2:] if l.startswith("  ") else l.lstrip() for l in para[1:]]
                    continue
                if not first:
                    out.append(".Pp")
                first = False
                for l in para:
                    out.extend(split_sentences(l.strip()))
            continue
        elif line == ".Pp" and i + 1 < len(lines) and (lines[i + 1].startswith((".It", ".Bl")) or lines[i + 1] == ".El"):
            pass
        elif line.strip() == "":
            out.append(".Pp")
        else:
            out.extend(split_sentences(line))
        i += 1

    out.append(".Sh EXIT STATUS")
    if subcommand is None:
        out.append("The exit status is the subcommand's; each subcommand's page states it.")
        out.append("With")
        out.append(".Fl -version")
        out.append("or")
        out.append(".Fl -help")
        out.append("the status is 0.")
    elif exit_status:
        out.extend(split_sentences("The status is " + exit_status))
    else:
        out.append("The status is 0 on success and 1 on error.")
    out.append("A command line that cannot be parsed exits %d." % USAGE_EXIT)
    if examples:
        out.append(".Sh EXAMPLES")
        out.append(".Bd -literal -offset indent")
        out.extend(examples)
        out.append(".Ed")
    out.append(".Sh SEE ALSO")
    if subcommand is None:
        others = sorted(page_name(p)[0] for p in all_pages if page_name(p)[1])
        for index, other in enumerate(others):
            out.append(".Xr %s 1%s" % (other, " ," if index < len(others) - 1 else ""))
    else:
        out.append(".Xr hvharden 1")
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: scripts/package-man.py SOURCE_DIR DEST_DIR")
    source, dest = sys.argv[1], sys.argv[2]
    pages = sorted(p for p in os.listdir(source) if p.endswith(".1"))
    if "hvharden.1" not in pages:
        sys.exit("error: no hvharden.1 in %s" % source)
    os.makedirs(dest, exist_ok=True)
    for page in pages:
        with open(os.path.join(source, page), encoding="utf-8") as f:
            text = f.read()
        converted = convert(text, page, pages)
        with open(os.path.join(dest, page_name(page)[0] + ".1"), "w", encoding="utf-8") as f:
            f.write(converted)


if __name__ == "__main__":
    main()
