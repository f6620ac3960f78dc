//! Every import path, given any bytes, returns an error or a valid value and
//! never panics. Inputs are random bytes and, more usefully, valid files with
//! random damage (bytes flipped, inserted, deleted, cut short). Seeded, so a
//! failure reproduces; the seed and input are printed when one does.

use mofan::core::exchange::record::{decode_assessment, decode_template, encode_assessment, encode_template};
use mofan::core::exchange::result_file::{encode_result, open, Opened};
use mofan::core::template::builtin::{builtin_template_files, builtin_templates};
use mofan::core::template::spreadsheet::{template_from_csv, template_to_csv};
use mofan::core::{Assessment, Respondent, Response, Template};

mod common;

/// xorshift64*: small, fast and good enough to drive mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the parsers, so damage hits structure, not just text.
const INTERESTING: &[u8] = b"{}[]\",:\\0123456789.-eE \n\r\t\xef\xbb\xbf\xe4\xb8\x80\xff";

fn damage(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(5) {
            0 if at < out.len() => out[at] = INTERESTING[rng.below(INTERESTING.len())],
            1 => out.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
            2 if at < out.len() => {
                out.remove(at);
            }
            3 => out.truncate(at),
            _ => {
                // Repeat a slice: duplicated keys, nested brackets.
                let end = (at + rng.below(40)).min(out.len());
                let piece = out[at..end].to_vec();
                let to = rng.below(out.len() + 1);
                out.splice(to..to, piece);
            }
        }
    }
    out
}

fn random_bytes(rng: &mut Rng) -> Vec<u8> {
    (0..rng.below(200)).map(|_| rng.next() as u8).collect()
}

fn sample_assessment(t: &Template) -> Assessment {
    let who = Respondent {
        unit: "某分行".into(),
        branch: "第一支部".into(),
        name: "张三".into(),
    };
    let mut a = Assessment::start("f".into(), t, who, "2026年上半年", 1).unwrap();
    for item in t.items().take(5) {
        let r = if item.allow_na {
            Response::NotApplicable
        } else {
            continue;
        };
        a.set_response(item, Some(r), 2).unwrap();
    }
    a.set_note(&t.items().next().unwrap().id, "说明", 3);
    a
}

/// Runs `check` on `rounds` damaged copies of each sample and on random bytes.
fn hammer(seed: u64, samples: &[Vec<u8>], rounds: usize, check: impl Fn(&str)) {
    let mut rng = Rng(seed);
    for round in 0..rounds {
        let input = if round % 5 == 0 {
            random_bytes(&mut rng)
        } else {
            damage(&mut rng, &samples[round % samples.len()])
        };
        let text = String::from_utf8_lossy(&input);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&text)));
        if outcome.is_err() {
            panic!("seed {seed} round {round} panicked on input {text:?}");
        }
    }
}

#[test]
fn template_json_import_never_panics_and_only_accepts_valid_templates() {
    let samples: Vec<Vec<u8>> = builtin_template_files().map(|(_, t)| t.as_bytes().to_vec()).collect();
    hammer(0x5eed_0001, &samples, 3000, |text| {
        if let Ok(t) = Template::from_json(text) {
            assert!(t.problems().is_empty(), "accepted a template with problems");
        }
    });
}

/// A template whose criteria and evidence cells run over several lines,
/// with CRLF, LF and CR inside the quotes.
fn multi_line_cells() -> String {
    let mut t = builtin_templates()[0].clone();
    for (n, item) in t.sections.iter_mut().flat_map(|s| s.items.iter_mut()).enumerate() {
        item.criteria = format!("第一行\r\n第二行，含\"引号\"\n第三行\r第四行 {n}");
        item.evidence = "记录,\n台账".to_string();
    }
    template_to_csv(&t)
}

#[test]
fn template_csv_import_never_panics_and_only_accepts_valid_templates() {
    let mut csvs: Vec<String> = builtin_templates().iter().map(template_to_csv).collect();
    csvs.push(multi_line_cells());
    csvs.push(include_str!("fixtures/支部党建考核细则.csv").to_string());
    csvs.push(include_str!("fixtures/broken-template.csv").to_string());
    let samples: Vec<Vec<u8>> = csvs
        .iter()
        .flat_map(|c| common::line_end_variants(c))
        .map(String::into_bytes)
        .collect();
    hammer(0x5eed_0002, &samples, 3000, |text| {
        if let Ok(t) = template_from_csv(text, "导入") {
            assert!(t.problems().is_empty(), "accepted a template with problems");
        }
    });
}

#[test]
fn picked_files_of_any_bytes_decode_or_are_refused_with_a_reason() {
    let mut samples: Vec<Vec<u8>> = vec![
        include_bytes!("fixtures/支部党建考核细则-gbk.csv").to_vec(),
        include_bytes!("fixtures/支部党建考核细则.csv").to_vec(),
    ];
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            multi_line_cells()
                .replace(',', "\t")
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    samples.push(utf16);
    let mut rng = Rng(0x5eed_0006);
    for round in 0..3000 {
        let input = if round % 5 == 0 {
            random_bytes(&mut rng)
        } else {
            damage(&mut rng, &samples[round % samples.len()])
        };
        let gbk = |b: &[u8]| {
            encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(b)
                .map(|t| t.into_owned())
        };
        let outcome = std::panic::catch_unwind(|| match mofan::core::exchange::text_file::decode(&input, gbk) {
            Ok(text) => {
                let _ = mofan::core::template::library::read_template_file("表.csv", &text);
            }
            Err(why) => assert!(!why.to_string().is_empty()),
        });
        assert!(outcome.is_ok(), "round {round} panicked on {input:?}");
    }
}

#[test]
fn stored_records_never_panic_when_damaged() {
    let templates = builtin_templates();
    let mut samples: Vec<Vec<u8>> = templates
        .iter()
        .map(|t| encode_assessment(&sample_assessment(t)).into_bytes())
        .collect();
    samples.push(include_bytes!("fixtures/assessment-v1.json").to_vec());
    hammer(0x5eed_0003, &samples, 3000, |text| {
        let _ = decode_assessment(text);
    });
    let samples: Vec<Vec<u8>> = templates.iter().map(|t| encode_template(t).into_bytes()).collect();
    hammer(0x5eed_0004, &samples, 1500, |text| {
        if let Ok(t) = decode_template(text) {
            assert!(t.problems().is_empty());
        }
    });
}

#[test]
fn result_files_never_panic_and_only_open_when_every_check_passes() {
    let templates = builtin_templates();
    let samples: Vec<Vec<u8>> = templates
        .iter()
        .map(|t| encode_result(t, &sample_assessment(t), 9).into_bytes())
        .collect();
    hammer(0x5eed_0005, &samples, 3000, |text| {
        let lookup = |id: &str, v: u32| templates.iter().find(|t| t.id == id && t.version == v);
        if let Ok((Opened::Result(c), t)) = open(text, lookup) {
            // Anything accepted scores without trouble and names its own template.
            assert_eq!(
                (c.assessment.template_id.as_str(), c.assessment.template_version),
                (t.id.as_str(), t.version)
            );
            let _ = mofan::core::Scorecard::of_self(t, &c.assessment);
        }
    });
}

/// JSON nested 100,000 levels deep, in every place a file can hold it, is
/// refused with a message and a place, never with a crash (the stack would
/// not survive a reader that recursed once per level).
#[test]
fn json_nested_thousands_of_levels_deep_is_refused_without_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let template_errors = |text: &str| Template::from_json(text).unwrap_err()[0].to_string();
    for text in [
        format!("{{\"format\":\"mofan-template\",\"sections\":{deep}}}"),
        format!("{{\"format\":\"mofan-template\",\"colour\":{deep}}}"),
        deep.clone(),
    ] {
        let why = template_errors(&text);
        assert!(why.starts_with("第1行第"), "{why}");
    }
    for text in [
        format!("{{\"schema\":2,\"kind\":\"assessment\",\"data\":{deep}}}"),
        format!("{{\"schema\":2,\"kind\":\"assessment\",\"x\":{deep},\"data\":{{}}}}"),
        format!("{{\"schema\":2,\"kind\":\"assessment\",\"data\":{{\"answers\":{{\"a\":{{\"note\":{deep}}}}}}}}}"),
    ] {
        let why = decode_assessment(&text).unwrap_err().to_string();
        assert!(why.contains("位于第1行第"), "{why}");
    }
    for content in [deep.clone(), format!("{{\"template\":{deep}}}")] {
        // Signed, so the content itself is read.
        let sha = mofan::core::exchange::result_file::sha256_hex(content.as_bytes());
        let text = format!("{{\"format\":\"mofan-result\",\"schema\":1,\"content\":{content},\"sha256\":\"{sha}\"}}");
        let why = open(&text, |_, _| None).unwrap_err().to_string();
        assert!(why.contains("位于第1行第"), "{why}");
    }
}
