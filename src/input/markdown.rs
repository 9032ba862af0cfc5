//! Markdown: the prose of headings, paragraphs, list items, table cells,
//! link text and image alt text; code, HTML, URLs and front matter left out.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Parsed, Piece};
use crate::text::Span;

pub(super) fn parse(text: &str) -> Parsed {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut parsed = Parsed::default();
    // Depth inside elements whose text is not prose (code blocks, front
    // matter, autolinks whose text is the URL).
    let mut skip = 0usize;
    // The run of text being read: text events and soft breaks, up to the
    // next markup.
    let mut run: Vec<Piece> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let span = Span::new(range.start, range.end);
        match event {
            // Escapes (`\*`) and entities (`&amp;`) come as text that is not
            // what the file holds there: decoded pieces of the run.
            Event::Text(t) if skip == 0 => {
                if text.get(range.clone()) == Some(t.as_ref()) {
                    run.push(Piece::literal(span));
                } else {
                    run.push(Piece::decoded(span, t.as_ref()));
                }
                continue;
            }
            Event::SoftBreak if skip == 0 => {
                run.push(Piece::literal(span));
                continue;
            }
            _ => {}
        }
        parsed.push_run(text, &run, None, true);
        run.clear();
        match event {
            Event::Start(
                Tag::CodeBlock(_)
                | Tag::MetadataBlock(_)
                | Tag::HtmlBlock
                | Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                },
            ) => skip += 1,
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_) | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1);
            }
            Event::End(TagEnd::Link) if skip > 0 => skip -= 1,
            _ => {}
        }
    }
    parsed.push_run(text, &run, None, true);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> Vec<&str> {
        parse(text).segment_texts(text)
    }

    #[test]
    fn prose_only() {
        let text = "---\ntitle: vs\n---\n# Head *one*\n\nSee [the link](http://x.org/vs) and `vs code`.\n\n```\nvs\n```\n\n| a | b |\n|---|---|\n| cell | ![alt text](i.png) |\n\n<div>html vs</div>\n\nLine one\nline two &amp; <http://auto.vs>\n";
        assert_eq!(
            segments(text),
            [
                "Head ",
                "one",
                "See ",
                "the link",
                " and ",
                ".",
                "a",
                "b",
                "cell",
                "alt text",
                "Line one\nline two ",
                " "
            ]
        );
    }

    #[test]
    fn escapes_and_entities_join_their_run() {
        let text = "Tom &amp; Jerry \\*said\\* caf&eacute;\n";
        let parsed = parse(text);
        let joined: Vec<&str> = parsed.joined.iter().map(|j| j.text.as_str()).collect();
        assert_eq!(joined, ["Tom & Jerry *said* café"]);
    }
}
