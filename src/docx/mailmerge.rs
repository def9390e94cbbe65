//! Word mail-merge templates: `MERGEFIELD` fields read as template tags.
//!
//! Offices already own mail-merge templates: Word shows `«Ho_ten»` where a field sits, as a
//! simple field (`<w:fldSimple w:instr=" MERGEFIELD Ho_ten ">`) or a complex one (runs with
//! `w:fldChar` begin / `w:instrText` / separate / result / end). Before the part is prepared,
//! each such field in a paragraph is replaced by one run holding `{{ Ho_ten }}` (with the
//! field result's formatting), its simple switches turned into filters; the data source the
//! template links in `word/settings.xml` (`w:mailMerge`) is dropped from the output so that
//! Word no longer asks for the Excel file.
//!
//! Fields nested in other fields (`IF … MERGEFIELD …`) and fields across paragraphs are left
//! as they are: Word keeps its last result in them.

use quick_xml::events::Event;
use quick_xml::reader::Reader;

/// One field found in a part: its byte range, instruction and formatting.
struct Field {
    start: usize,
    end: usize,
    instr: String,
    rpr: String,
}

/// The part with its merge fields turned into tags, or `None` when it has none.
pub(crate) fn convert(xml: &str) -> Option<String> {
    if !xml.contains("MERGEFIELD") && !xml.contains("mergefield") {
        return None;
    }
    let fields = find_fields(xml);
    let mut out = String::with_capacity(xml.len());
    let mut pos = 0;
    let mut any = false;
    for f in fields {
        let Some(tag) = tag_of(&f.instr) else {
            continue;
        };
        out.push_str(&xml[pos..f.start]);
        out.push_str("<w:r>");
        out.push_str(&f.rpr);
        out.push_str("<w:t xml:space=\"preserve\">");
        out.push_str(&quick_xml::escape::escape(&tag));
        out.push_str("</w:t></w:r>");
        pos = f.end;
        any = true;
    }
    if !any {
        return None;
    }
    out.push_str(&xml[pos..]);
    Some(out)
}

/// The run properties of the first run with properties in `xml[start..end]`.
fn first_rpr(xml: &str, start: usize, end: usize) -> String {
    let s = xml.get(start..end).unwrap_or("");
    let Some(at) = s.find("<w:rPr") else {
        return String::new();
    };
    let rest = &s[at..];
    match rest.find('>') {
        Some(gt) if rest[..gt].ends_with('/') => rest[..=gt].to_string(),
        _ => rest
            .find("</w:rPr>")
            .map_or_else(String::new, |e| rest[..e + "</w:rPr>".len()].to_string()),
    }
}

/// A complex field being read.
#[derive(Default)]
struct Open {
    start: usize,
    /// Where the field's result starts (after `separate`), for its formatting.
    result: Option<usize>,
    instr: String,
    /// Nested fields inside: the field is left alone.
    nested: bool,
    paragraph: usize,
}

/// Every top-level field of a paragraph: simple ones and complex ones.
fn find_fields(xml: &str) -> Vec<Field> {
    let mut reader = Reader::from_str(xml);
    let mut fields = Vec::new();
    let mut run_start = 0;
    let mut paragraph = 0;
    let mut open: Vec<Open> = Vec::new();
    let mut in_instr = false;
    let mut simple: Option<(usize, String)> = None;
    loop {
        let before = usize::try_from(reader.buffer_position()).unwrap_or(0);
        let Ok(event) = reader.read_event() else {
            // The part's own check reports it.
            return Vec::new();
        };
        let after = usize::try_from(reader.buffer_position()).unwrap_or(0);
        match event {
            Event::Start(e) => match e.name().as_ref() {
                "w:p" => paragraph += 1,
                "w:r" => run_start = before,
                "w:instrText" => in_instr = true,
                "w:fldSimple" if open.is_empty() => {
                    simple = Some((before, attr(&e, "w:instr")));
                }
                "w:fldChar" => {
                    let kind = attr(&e, "w:fldCharType");
                    field_char(&kind, run_start, paragraph, &mut open, &mut fields, xml);
                }
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                "w:fldChar" => {
                    let kind = attr(&e, "w:fldCharType");
                    field_char(&kind, run_start, paragraph, &mut open, &mut fields, xml);
                }
                "w:fldSimple" if open.is_empty() => fields.push(Field {
                    start: before,
                    end: after,
                    instr: attr(&e, "w:instr"),
                    rpr: String::new(),
                }),
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "w:instrText" => in_instr = false,
                "w:r" => {
                    if let Some(last) = fields.last_mut()
                        && last.end == usize::MAX
                    {
                        last.end = after;
                    }
                }
                "w:fldSimple" => {
                    if let Some((start, instr)) = simple.take() {
                        fields.push(Field {
                            start,
                            end: after,
                            instr,
                            rpr: first_rpr(xml, start, after),
                        });
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_instr => {
                if let (Some(top), Ok(text)) = (open.last_mut(), Ok::<_, ()>(t.xml10_content())) {
                    top.instr.push_str(&text);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    fields.retain(|f| f.end != usize::MAX);
    fields
}

/// A `w:fldChar` of a complex field: begin, separate or end.
fn field_char(
    kind: &str,
    run_start: usize,
    paragraph: usize,
    open: &mut Vec<Open>,
    fields: &mut Vec<Field>,
    xml: &str,
) {
    match kind {
        "begin" => {
            if let Some(outer) = open.last_mut() {
                outer.nested = true;
            }
            open.push(Open {
                start: run_start,
                paragraph,
                ..Open::default()
            });
        }
        "separate" => {
            if let Some(top) = open.last_mut() {
                top.result = Some(run_start);
            }
        }
        "end" => {
            let Some(f) = open.pop() else {
                return;
            };
            if !open.is_empty() || f.nested || f.paragraph != paragraph {
                if let Some(outer) = open.last_mut() {
                    outer.nested = true;
                }
                return;
            }
            let rpr = first_rpr(xml, f.result.unwrap_or(f.start), run_start.max(f.start));
            // The field ends with the end of this run, found at `</w:r>`.
            fields.push(Field {
                start: f.start,
                end: usize::MAX,
                instr: f.instr,
                rpr,
            });
        }
        _ => {}
    }
}

fn attr(e: &quick_xml::events::BytesStart<'_>, name: &str) -> String {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
        .unwrap_or_default()
}

/// The words of a field instruction: quoted strings as one word, without quotes.
fn words(instr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut had = false;
    for c in instr.chars() {
        match c {
            '"' | '\u{201C}' | '\u{201D}' => {
                quoted = !quoted;
                had = true;
            }
            c if c.is_whitespace() && !quoted => {
                if had || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                had = false;
            }
            c => cur.push(c),
        }
    }
    if had || !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The field's name as a template variable: Word's own rule, characters other than letters,
/// digits and `_` become `_` (the data's keys are matched the same way).
pub(crate) fn field_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect()
}

/// The tag for a `MERGEFIELD` instruction, or `None` for another field.
fn tag_of(instr: &str) -> Option<String> {
    let w = words(instr);
    if !w.first()?.eq_ignore_ascii_case("MERGEFIELD") {
        return None;
    }
    let name = field_name(w.get(1)?);
    if name.is_empty() {
        return None;
    }
    let mut filters = String::new();
    let mut i = 2;
    while i < w.len() {
        let arg = w.get(i + 1).map(String::as_str).unwrap_or("");
        match w[i].as_str() {
            "\\@" => filters.push_str(date_filter(arg)),
            "\\#" => filters.push_str(&number_filter(arg)),
            "\\*" if arg.eq_ignore_ascii_case("Upper") => filters.push_str(" | viet_hoa"),
            "\\*" if arg.eq_ignore_ascii_case("FirstCap") || arg.eq_ignore_ascii_case("Caps") => {
                filters.push_str(" | viet_hoa_dau");
            }
            _ => {
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    Some(format!("{{{{ {name}{filters} }}}}"))
}

/// A date picture (`\@ "dd/MM/yyyy"`) as the nearest Vietnamese date filter.
fn date_filter(picture: &str) -> &'static str {
    if picture.contains("MMMM") || picture.contains("tháng") {
        " | ngay_thang"
    } else if picture.contains("dd") && picture.contains("MM") {
        " | ngay(kieu=\"dd/mm/yyyy\")"
    } else {
        " | ngay(kieu=\"d/m/yyyy\")"
    }
}

/// A number picture (`\# "#,##0.00"`, or the Vietnamese `#.##0,00`) as the Vietnamese
/// number filter with as many decimals. With both separators the last one marks decimals;
/// with one, three places after it mean thousands.
fn number_filter(picture: &str) -> String {
    let places = |p: usize| {
        picture[p + 1..]
            .chars()
            .take_while(|c| *c == '0' || *c == '#')
            .count()
    };
    let both = picture.contains('.') && picture.contains(',');
    let decimals = picture.rfind(['.', ',']).map_or(0, |p| {
        let n = places(p);
        if both || n != 3 { n } else { 0 }
    });
    format!(" | so(le={decimals})")
}

/// `word/settings.xml` without its mail-merge data source (`<w:mailMerge>…</w:mailMerge>`),
/// or `None` when it has none.
pub(crate) fn drop_data_source(settings: &str) -> Option<String> {
    let start = settings.find("<w:mailMerge")?;
    let rest = &settings[start..];
    let gt = rest.find('>')?;
    let end = if rest[..gt].ends_with('/') {
        start + gt + 1
    } else {
        start + rest.find("</w:mailMerge>")? + "</w:mailMerge>".len()
    };
    Some(format!("{}{}", &settings[..start], &settings[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_and_complex_fields() {
        let xml = concat!(
            r#"<w:p><w:r><w:t xml:space="preserve">Ông </w:t></w:r>"#,
            r#"<w:fldSimple w:instr=" MERGEFIELD Họ_tên \* MERGEFORMAT "><w:r><w:rPr><w:b/></w:rPr><w:t>«Họ_tên»</w:t></w:r></w:fldSimple>"#,
            r#"<w:r><w:t xml:space="preserve">, sinh </w:t></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> MERGEFIELD "Ngày sinh" \@ "dd/MM/yyyy" </w:instrText></w:r>"#,
            r#"<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>«Ngày_sinh»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
        );
        let out = convert(xml).unwrap();
        assert_eq!(
            out,
            concat!(
                r#"<w:p><w:r><w:t xml:space="preserve">Ông </w:t></w:r>"#,
                r#"<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{{ Họ_tên }}</w:t></w:r>"#,
                r#"<w:r><w:t xml:space="preserve">, sinh </w:t></w:r>"#,
                r#"<w:r><w:rPr><w:i/></w:rPr><w:t xml:space="preserve">{{ Ngày_sinh | ngay(kieu=&quot;dd/mm/yyyy&quot;) }}</w:t></w:r></w:p>"#
            )
        );
    }

    #[test]
    fn other_fields_stay() {
        let xml = r#"<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:fldSimple w:instr="MERGEFIELD x"/></w:p>"#;
        assert_eq!(
            convert(xml).unwrap(),
            r#"<w:p><w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve">{{ x }}</w:t></w:r></w:p>"#
        );
        assert_eq!(
            tag_of(" MERGEFIELD Tien \\# \"#,##0.00\" ").unwrap(),
            "{{ Tien | so(le=2) }}"
        );
        assert_eq!(
            tag_of("MERGEFIELD Tien \\# #,##0").unwrap(),
            "{{ Tien | so(le=0) }}"
        );
        assert_eq!(
            tag_of("MERGEFIELD Tien \\# #.##0,0").unwrap(),
            "{{ Tien | so(le=1) }}"
        );
    }

    #[test]
    fn drops_the_data_source() {
        let s = r#"<w:settings><w:zoom/><w:mailMerge><w:mainDocumentType w:val="formLetters"/><w:dataSource r:id="rId1"/></w:mailMerge><w:x/></w:settings>"#;
        assert_eq!(
            drop_data_source(s).unwrap(),
            "<w:settings><w:zoom/><w:x/></w:settings>"
        );
    }
}
