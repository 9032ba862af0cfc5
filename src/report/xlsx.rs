//! The `xlsx` format (`findings.xlsx`): a workbook for a spreadsheet, with
//! the findings and the MQM scorecard.
//!
//! - Sheet `findings`: the columns of `findings.csv`, one row per finding,
//!   numbers as numbers, the header frozen and filtered, and `context` with
//!   the span in bold red (a rich-text cell). A sheet holds at
//!   most 1,048,575 findings; more go on in `findings 2`, `findings 3`, …
//! - Sheet `scorecard`: the columns of `summary.csv`, one row per document,
//!   and a last `total` row for the run (past 1,048,574 documents, the
//!   rest count in the total only).
//!
//! Cells are written as strings, never as formulas, so text from the input
//! cannot run in the spreadsheet and needs no `'`. A cell holds at most
//! 32,767 characters; a longer text is cut with `…`. Rows go to temporary
//! files as they are written (the writer's constant-memory mode), so a run
//! of millions of findings does not hold them in memory; the workbook is
//! zipped when the run ends.

use std::borrow::Cow;
use std::io::{self, Write};

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::context::context;
use super::{FINDINGS_HEADER, Report, summary_header};
use crate::check::Checked;
use crate::rule::{Category, Severity};
use crate::score::{Policy, RunTotals, Summary};
use crate::text::Document;

/// The most characters of a cell.
const CELL_MAX: usize = 32_000;

/// The rows of a sheet, the header included.
const SHEET_ROWS: u32 = 1_048_576;

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(format!("findings.xlsx: {e}"))
}

/// `s`, cut to what a cell holds.
fn cell(s: &str) -> Cow<'_, str> {
    // UTF-16 units are at most twice the chars, and chars at most the bytes.
    if s.len() <= CELL_MAX {
        return Cow::Borrowed(s);
    }
    let mut end = CELL_MAX / 2;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

/// Writes `findings.xlsx` when the run ends.
pub struct Xlsx<W: Write> {
    out: W,
    workbook: Workbook,
    policy: Policy,
    run: RunTotals,
    /// Index of the findings sheet being written, and its next row.
    findings_sheet: usize,
    findings_row: u32,
    /// How many findings sheets there are.
    findings_sheets: usize,
    /// How many sheets there are.
    sheets: usize,
    scorecard_sheet: usize,
    scorecard_row: u32,
    header: Format,
    bold: Format,
    marked: Format,
    plain: Format,
    number: Format,
}

impl<W: Write> Xlsx<W> {
    /// Starts the workbook: its sheets and their headers.
    ///
    /// # Errors
    ///
    /// When a temporary file for the sheets cannot be made.
    pub fn new(out: W, policy: Policy) -> io::Result<Self> {
        let mut workbook = Workbook::new();
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE4EE))
            .set_border_bottom(FormatBorder::Thin);
        let mut xlsx = Xlsx {
            out,
            workbook: Workbook::new(),
            policy,
            run: RunTotals::default(),
            findings_sheet: 0,
            findings_row: 1,
            findings_sheets: 1,
            sheets: 2,
            scorecard_sheet: 1,
            scorecard_row: 1,
            header,
            bold: Format::new().set_bold(),
            marked: Format::new()
                .set_bold()
                .set_font_color(Color::RGB(0xB00020)),
            plain: Format::new(),
            number: Format::new().set_num_format("0.000"),
        };
        findings_sheet(&mut workbook, "findings", &xlsx.header).map_err(xlsx_error)?;
        let sheet = workbook
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet.set_name("scorecard").map_err(xlsx_error)?;
        let columns = summary_header();
        for (col, name) in columns.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, name, &xlsx.header)
                .map_err(xlsx_error)?;
            sheet
                .set_column_width(col as u16, if col == 0 { 40.0 } else { 12.0 })
                .map_err(xlsx_error)?;
        }
        sheet.set_freeze_panes(1, 1).map_err(xlsx_error)?;
        xlsx.workbook = workbook;
        Ok(xlsx)
    }

    /// Starts the next findings sheet when this one is full.
    fn make_room(&mut self) -> Result<(), XlsxError> {
        if self.findings_row == SHEET_ROWS {
            self.findings_sheets += 1;
            let name = format!("findings {}", self.findings_sheets);
            findings_sheet(&mut self.workbook, &name, &self.header)?;
            self.sheets += 1;
            self.findings_sheet = self.sheets - 1;
            self.findings_row = 1;
        }
        Ok(())
    }

    fn finding_row(&mut self, doc: &Document, f: &crate::score::Finding) -> Result<(), XlsxError> {
        self.make_room()?;
        let span = f.hit.span;
        let (line, column) = doc.line_col(span.start);
        let rule = &f.hit.rule;
        let path = doc.display_path();
        let suggestions = f.hit.suggestions.join("|");
        let c = context(&doc.text, span.range());
        let row = self.findings_row;
        let sheet = self.workbook.worksheet_from_index(self.findings_sheet)?;
        sheet.write_string(row, 0, cell(&path))?;
        sheet.write_number(row, 1, line as f64)?;
        sheet.write_number(row, 2, column as f64)?;
        sheet.write_number(row, 3, doc.file_offset(span.start) as f64)?;
        sheet.write_number(row, 4, doc.file_offset(span.end) as f64)?;
        sheet.write_string(row, 5, cell(&doc.text[span.range()]))?;
        sheet.write_string(row, 6, cell(&suggestions))?;
        sheet.write_string(row, 7, cell(&rule.id))?;
        sheet.write_string(row, 8, rule.category.as_str())?;
        sheet.write_string(row, 9, rule.severity.as_str())?;
        sheet.write_number_with_format(row, 10, f.hit.confidence, &self.number)?;
        sheet.write_number_with_format(row, 11, f.score, &self.number)?;
        sheet.write_string(row, 12, cell(&rule.note))?;
        let before = cell(&c.before);
        let span_text = cell(&c.span);
        let after = cell(&c.after);
        let segments: Vec<(&Format, &str)> = [
            (&self.plain, &*before),
            (&self.marked, &*span_text),
            (&self.plain, &*after),
        ]
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .collect();
        if !segments.is_empty() {
            sheet.write_rich_string(row, 13, &segments)?;
        }
        self.findings_row = row + 1;
        Ok(())
    }

    fn summary_row(&mut self, file: &str, s: &Summary, bold: bool) -> Result<(), XlsxError> {
        let row = self.scorecard_row;
        let format = if bold { &self.bold } else { &self.plain };
        let sheet = self.workbook.worksheet_from_index(self.scorecard_sheet)?;
        let mut col = 0u16;
        let text = |sheet: &mut Worksheet, col: &mut u16, value: &str| {
            let r = sheet.write_string_with_format(row, *col, cell(value), format);
            *col += 1;
            r.map(|_| ())
        };
        text(sheet, &mut col, file)?;
        let mut numbers = vec![
            s.words as f64,
            s.findings as f64,
            s.minor as f64,
            s.major as f64,
            s.critical as f64,
            round2(s.penalty),
            round2(s.penalty_per_1000_words),
            round2(s.quality),
        ];
        for value in numbers.drain(..) {
            sheet.write_number_with_format(row, col, value, format)?;
            col += 1;
        }
        text(sheet, &mut col, s.verdict.as_str())?;
        let mut rest = vec![round2(s.normed_penalty), round2(s.calibrated_quality)];
        for category in Category::ALL {
            for severity in Severity::ALL {
                rest.push(s.scorecard.count(category, severity) as f64);
            }
        }
        rest.extend(s.scorecard.penalties.iter().map(|p| round2(*p)));
        for value in rest {
            sheet.write_number_with_format(row, col, value, format)?;
            col += 1;
        }
        self.scorecard_row += 1;
        Ok(())
    }
}

/// A number as the CSV writes it, at two decimals.
fn round2(value: f64) -> f64 {
    super::json::round(value, 2)
}

/// Adds a findings sheet with its header, frozen, and column widths.
fn findings_sheet(workbook: &mut Workbook, name: &str, header: &Format) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    let widths = [
        30.0, 6.0, 7.0, 8.0, 8.0, 24.0, 24.0, 30.0, 14.0, 9.0, 10.0, 8.0, 50.0, 80.0,
    ];
    for (col, (name, width)) in FINDINGS_HEADER.iter().zip(widths).enumerate() {
        sheet.write_string_with_format(0, col as u16, *name, header)?;
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

impl<W: Write> Report for Xlsx<W> {
    fn document(&mut self, doc: &Document, checked: &Checked) -> io::Result<()> {
        for f in &checked.findings {
            self.finding_row(doc, f).map_err(xlsx_error)?;
        }
        // A file read in parts has one row, after its last part.
        if !doc.ends_file() {
            return Ok(());
        }
        self.run.add(&checked.summary);
        // The last row of the sheet is the total's: documents past it (a
        // stream of millions of records) count in the total only.
        if self.scorecard_row + 1 >= SHEET_ROWS {
            return Ok(());
        }
        self.summary_row(&doc.display_path(), &checked.summary, false)
            .map_err(xlsx_error)
    }

    fn finish(&mut self) -> io::Result<()> {
        let total = self.run.summary(&self.policy);
        self.summary_row("total", &total, true)
            .map_err(xlsx_error)?;
        // Every findings sheet filters its rows.
        let last_column = (FINDINGS_HEADER.len() - 1) as u16;
        for index in (0..self.sheets).filter(|&i| i != self.scorecard_sheet) {
            let last_row = if index == self.findings_sheet {
                self.findings_row.max(2) - 1
            } else {
                SHEET_ROWS - 1
            };
            self.workbook
                .worksheet_from_index(index)
                .and_then(|sheet| sheet.autofilter(0, 0, last_row, last_column))
                .map_err(xlsx_error)?;
        }
        let mut bytes = Vec::new();
        self.workbook
            .save_to_writer(&mut bytes)
            .map_err(xlsx_error)?;
        self.out.write_all(&bytes)?;
        self.out.flush()
    }
}
