//! Builds the repaired view of a document in one left-to-right pass.
//!
//! Repairs, each recorded in the offset map:
//! - line terminators (CRLF, CR, FF, NEL, LS, PS) become `\n`;
//! - hard-wrapped lines are joined into paragraphs ([`lines`]), and words
//!   hyphenated across a line break are joined, keeping the hyphen of true
//!   compounds ([`hyphen`]);
//! - inside lines: no-break and thin spaces become spaces, invisible
//!   characters are dropped, mixed-script words are put into one script,
//!   Uzbek Latin apostrophes are unified and words are put in NFC
//!   ([`words`]).

mod hyphen;
mod lines;
mod words;

use crate::offset_map::{OffsetMap, ViewBuilder};
use lines::Break;

/// Repairs `original`, returning the view (`None` when nothing needed a
/// repair: the view is the original) and its offset map.
pub(crate) fn repair(original: &str) -> (Option<String>, OffsetMap) {
    let lines = lines::scan_lines(original);
    let mut joins = lines::plan_joins(original, &lines);
    hyphen::resolve(original, &lines, &mut joins);
    let mut builder = ViewBuilder::new(original);
    let mut fixer = words::WordFixer::new(original);
    let mut joins = joins.iter().peekable();
    let mut index = 0;
    while let Some(line) = lines.get(index) {
        let join = joins.next_if(|j| j.line == index);
        let from = builder.consumed().max(line.start);
        match join {
            None => {
                fixer.fix(&mut builder, original, from..line.end);
                if line.next > line.end && original.get(line.end..line.next) != Some("\n") {
                    builder.replace(line.end..line.next, "\n");
                }
                index += 1;
            }
            Some(join) => {
                let Some(next) = lines.get(join.next_line) else {
                    break;
                };
                match join.kind {
                    Break::Space => {
                        fixer.fix(&mut builder, original, from..line.content_end);
                        builder.copy_to(line.content_end);
                        if original.as_bytes().get(line.content_end) == Some(&b' ') {
                            builder.copy_to(line.content_end + 1);
                            builder.replace(line.content_end + 1..next.content_start, "");
                        } else {
                            builder.replace(line.content_end..next.content_start, " ");
                        }
                    }
                    Break::Hyphen { hyphen, keep } => {
                        fixer.fix(&mut builder, original, from..hyphen);
                        builder.copy_to(hyphen);
                        let after_hyphen = hyphen
                            + original
                                .get(hyphen..)
                                .and_then(|s| s.chars().next())
                                .map_or(0, char::len_utf8);
                        if keep {
                            builder.copy_to(after_hyphen);
                            builder.replace(after_hyphen..next.content_start, "");
                        } else {
                            builder.replace(hyphen..next.content_start, "");
                        }
                    }
                }
                index = join.next_line;
            }
        }
    }
    builder.finish()
}
