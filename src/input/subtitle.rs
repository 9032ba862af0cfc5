//! Subtitles: SubRip (`.srt`) and WebVTT (`.vtt`). Only the cue text is
//! checked: cue numbers and identifiers, timing lines (with WebVTT's cue
//! settings), the `WEBVTT` header and `NOTE`, `STYLE` and `REGION` blocks
//! are left out, and so are tags inside the text (`<i>`, `<font …>`,
//! `<v Speaker>`, `<00:01.500>`, SubRip's `{\an8}`), which split it into
//! runs. WebVTT's character references (`&amp;`) are decoded as HTML's.
//!
//! A cue is its block's lines up to the next blank line; a block that is
//! neither a cue nor (in WebVTT) a comment, style or region is an error,
//! as is a timing line whose times do not read as times: a file that is
//! not subtitles is not read as if it were.

use super::{Malformed, Parsed, Piece, split_at_references};
use crate::text::{Escape, Span};

/// A line of the file: where its content starts and ends (line end
/// excluded).
#[derive(Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

/// The file's blocks: runs of lines that are not blank.
fn blocks(text: &str) -> Vec<Vec<Line>> {
    let mut out = Vec::new();
    let mut block = Vec::new();
    let mut at = if text.starts_with('\u{feff}') { 3 } else { 0 };
    for raw in text[at..].split_inclusive('\n') {
        let body = raw.trim_end_matches(['\n', '\r']);
        let line = Line {
            start: at,
            end: at + body.len(),
        };
        at += raw.len();
        if body.trim().is_empty() {
            if !block.is_empty() {
                out.push(std::mem::take(&mut block));
            }
        } else {
            block.push(line);
        }
    }
    if !block.is_empty() {
        out.push(block);
    }
    out
}

/// Whether `s` is a SubRip time, `00:00:01,000` (a `.` is taken for the
/// `,` too, as players do).
fn srt_time(s: &str) -> bool {
    let Some((clock, millis)) = s.split_once([',', '.']) else {
        return false;
    };
    let parts: Vec<&str> = clock.split(':').collect();
    parts.len() == 3
        && parts.iter().all(|p| is_digits(p))
        && parts[1].len() == 2
        && parts[2].len() == 2
        && (1..=3).contains(&millis.len())
        && is_digits(millis)
}

/// Whether `s` is a WebVTT time, `00:01.000` or `01:00:01.000`.
fn vtt_time(s: &str) -> bool {
    let Some((clock, millis)) = s.split_once('.') else {
        return false;
    };
    let parts: Vec<&str> = clock.split(':').collect();
    let two = |p: &str| p.len() == 2 && is_digits(p);
    millis.len() == 3
        && is_digits(millis)
        && match parts[..] {
            [m, s] => two(m) && two(s),
            [h, m, s] => h.len() >= 2 && is_digits(h) && two(m) && two(s),
            _ => false,
        }
}

fn is_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// Checks a timing line, `START --> END` and anything after END (SubRip
/// coordinates, WebVTT cue settings).
fn timing(text: &str, line: Line, time: fn(&str) -> bool, example: &str) -> Result<(), Malformed> {
    let body = &text[line.start..line.end];
    let ok = body.split_once("-->").is_some_and(|(start, rest)| {
        time(start.trim()) && rest.split_whitespace().next().is_some_and(time)
    });
    if ok {
        Ok(())
    } else {
        Err(Malformed::new(
            line.start,
            format!("expected a timing line such as `{example}`"),
        ))
    }
}

/// Adds a cue's text lines, split at tags into runs. `vtt` decodes
/// character references, and takes every `<` for the start of a tag (a
/// literal one is written `&lt;`).
fn cue_text(parsed: &mut Parsed, text: &str, lines: &[Line], vtt: bool) {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return;
    };
    let span = Span::new(first.start, last.end);
    let bytes = text.as_bytes();
    let mut runs: Vec<Span> = Vec::new();
    let mut run = span.start;
    let mut i = span.start;
    while i < span.end {
        let tag_end = match bytes[i] {
            b'<' if vtt => Some(
                text[i..span.end]
                    .find('>')
                    .map_or(span.end, |close| i + close + 1),
            ),
            // In SubRip, a tag is `<i>`, `</font>` and the like on one line;
            // any other `<` is text.
            b'<' => {
                let rest = &text[i + 1..span.end];
                let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
                let named = rest
                    .trim_start_matches('/')
                    .starts_with(|c: char| c.is_ascii_alphabetic());
                line.find('>')
                    .filter(|_| named)
                    .map(|close| i + 1 + close + 1)
            }
            b'{' if !vtt && text[i..span.end].starts_with("{\\") => {
                let rest = &text[i..span.end];
                let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
                line.find('}').map(|close| i + close + 1)
            }
            _ => None,
        };
        match tag_end {
            Some(end) => {
                runs.push(Span::new(run, i));
                i = end;
                run = end;
            }
            None => i += 1,
        }
    }
    runs.push(Span::new(run, span.end));
    for run in runs.into_iter().filter(|r| !r.is_empty()) {
        let pieces = if vtt {
            split_at_references(text, run, super::html::decode)
        } else {
            vec![Piece::literal(run)]
        };
        parsed.push_run(text, &pieces, None, false);
    }
}

/// SubRip: blocks of a cue number (which some files leave out), a timing
/// line and the text.
pub(super) fn parse_srt(text: &str) -> Result<Parsed, Malformed> {
    const EXAMPLE: &str = "00:00:01,000 --> 00:00:04,000";
    let mut parsed = Parsed {
        escape: Escape::Cue,
        ..Parsed::default()
    };
    for block in blocks(text) {
        let first = &text[block[0].start..block[0].end];
        let timing_line = if first.contains("-->") {
            0
        } else if is_digits(first.trim()) {
            1
        } else {
            return Err(Malformed::new(
                block[0].start,
                format!("expected a cue number or a timing line such as `{EXAMPLE}`"),
            ));
        };
        let Some(&line) = block.get(timing_line) else {
            return Err(Malformed::new(
                block[0].end,
                format!("expected a timing line such as `{EXAMPLE}` after the cue number"),
            ));
        };
        timing(text, line, srt_time, EXAMPLE)?;
        cue_text(&mut parsed, text, &block[timing_line + 1..], false);
    }
    Ok(parsed)
}

/// Whether a block's first line starts with `keyword` as a word.
fn starts_block(line: &str, keyword: &str) -> bool {
    line.strip_prefix(keyword)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

/// WebVTT: the `WEBVTT` header, then cues (an optional identifier, a
/// timing line with its settings, the text) and `NOTE`, `STYLE` or
/// `REGION` blocks.
pub(super) fn parse_vtt(text: &str) -> Result<Parsed, Malformed> {
    const EXAMPLE: &str = "00:01.000 --> 00:04.000";
    let mut parsed = Parsed {
        escape: Escape::WebVtt,
        ..Parsed::default()
    };
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    if !starts_block(text[start..].lines().next().unwrap_or(""), "WEBVTT") {
        return Err(Malformed::new(start, "expected `WEBVTT` on the first line"));
    }
    // The first block is the header, with any metadata lines under it.
    for block in blocks(text).into_iter().skip(1) {
        let first = &text[block[0].start..block[0].end];
        if ["NOTE", "STYLE", "REGION"]
            .iter()
            .any(|k| starts_block(first, k))
        {
            continue;
        }
        let timing_line = if first.contains("-->") {
            0
        } else if block
            .get(1)
            .is_some_and(|l| text[l.start..l.end].contains("-->"))
        {
            1
        } else {
            return Err(Malformed::new(
                block[0].start,
                format!(
                    "expected a cue (a timing line such as `{EXAMPLE}`, after an optional identifier), `NOTE`, `STYLE` or `REGION`"
                ),
            ));
        };
        timing(text, block[timing_line], vtt_time, EXAMPLE)?;
        cue_text(&mut parsed, text, &block[timing_line + 1..], true);
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn srt_text_only() {
        let text = "\u{feff}1\r\n00:00:01,000 --> 00:00:04,000\r\n<i>Hello</i> there,\r\nfriend {\\an8}now.\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,500 X1:10 X2:20\r\nA < B\r\n\r\n00:00:07,000 --> 00:00:08,000\r\nNo number.\r\n";
        let parsed = parse_srt(text).unwrap();
        assert_eq!(
            parsed.segment_texts(text),
            ["Hello", " there,\r\nfriend ", "now.", "A < B", "No number."]
        );
        assert_eq!(parsed.escape, Escape::Cue);
    }

    #[test]
    fn vtt_text_only() {
        let text = "WEBVTT - a title\nKind: captions\n\nNOTE support vs\nmore note\n\nSTYLE\n::cue { color: red }\n\nintro\n00:01.000 --> 00:04.000 align:start line:0\n<v Bob>Tom &amp; Jerry</v> <00:02.000>run\n\n01:00:05.000 --> 01:00:06.000\nThe end.\n";
        let parsed = parse_vtt(text).unwrap();
        assert_eq!(
            parsed.segment_texts(text),
            ["Tom ", " Jerry", " ", "run", "The end."]
        );
        let joined: Vec<&str> = parsed.joined.iter().map(|j| j.text.as_str()).collect();
        assert_eq!(joined, ["Tom & Jerry"]);
    }

    #[test]
    fn broken_subtitles() {
        let cases: [(&str, bool, usize, &str); 6] = [
            ("1\n00:00:01 --> 00:00:02,000\nx\n", false, 2, "timing line"),
            ("Hello\n", false, 0, "cue number"),
            ("1\n", false, 1, "after the cue number"),
            ("Hello\n\n00:01.000 --> 00:02.000\nx\n", true, 0, "`WEBVTT`"),
            ("WEBVTT\n\nstray text\n", true, 8, "expected a cue"),
            (
                "WEBVTT\n\n00:01,000 --> 00:02.000\nx\n",
                true,
                8,
                "timing line",
            ),
        ];
        for (text, vtt, offset, needle) in cases {
            let err = if vtt {
                parse_vtt(text)
            } else {
                parse_srt(text)
            }
            .err()
            .unwrap();
            assert!(err.message.contains(needle), "{text:?}: {}", err.message);
            assert_eq!(err.offset, offset, "{text:?}");
        }
    }
}
