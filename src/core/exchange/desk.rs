//! What the branch desk holds: the self-checks brought in, the files not
//! taken, the branch's name and the level chosen. The desk keeps it for its
//! browser tab, so a reload or a visit to the home page loses nothing.

use crate::core::exchange::branch::Level;
use serde::{Deserialize, Serialize};

/// The form this build writes. The form before it (1, the self-checks
/// written out in the desk) is still read.
pub const DESK_SCHEMA: u32 = 2;

/// A file that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub file: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Desk {
    /// The self-checks brought in, as the desk's worker wrote them for
    /// keeping (JSON, see `pile::Pile::kept`): the page hands them
    /// back to the worker unread. Empty: none.
    pub checks: String,
    pub refusals: Vec<Refusal>,
    /// 支部名称, as typed (for exports and the printout).
    pub branch_name: String,
    /// The level the secretary chose; `None` follows the files.
    pub level: Option<Level>,
}

#[derive(Serialize)]
struct Sealed<'a> {
    schema: u32,
    desk: &'a Desk,
}

#[derive(Deserialize)]
struct Opened {
    schema: u32,
    desk: Box<serde_json::value::RawValue>,
}

/// The form before this one: the self-checks in the desk, as JSON.
#[derive(Deserialize)]
struct DeskOne {
    submissions: Box<serde_json::value::RawValue>,
    refusals: Vec<Refusal>,
    branch_name: String,
    level: Option<Level>,
}

impl Desk {
    /// Whether there is anything to keep.
    pub fn is_empty(&self) -> bool {
        self.checks.is_empty() && self.refusals.is_empty() && self.branch_name.is_empty()
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(&Sealed {
            schema: DESK_SCHEMA,
            desk: self,
        })
        .unwrap_or_default()
    }

    /// The desk as kept, or why it cannot be taken back, in Chinese.
    pub fn decode(text: &str) -> Result<Desk, String> {
        let gone = || "上次导入的文件未能恢复，请重新导入".to_string();
        let opened: Opened = serde_json::from_str(text).map_err(|_| gone())?;
        match opened.schema {
            DESK_SCHEMA => serde_json::from_str(opened.desk.get()).map_err(|_| gone()),
            1 => {
                let one: DeskOne = serde_json::from_str(opened.desk.get()).map_err(|_| gone())?;
                let checks = one.submissions.get();
                Ok(Desk {
                    checks: if checks == "[]" {
                        String::new()
                    } else {
                        checks.to_string()
                    },
                    refusals: one.refusals,
                    branch_name: one.branch_name,
                    level: one.level,
                })
            }
            _ => Err(gone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_comes_back_as_it_was_kept_and_nothing_else_is_taken() {
        let desk = Desk {
            checks: "[]".into(),
            refusals: vec![Refusal {
                file: "坏.json".into(),
                why: "不是结果文件".into(),
            }],
            branch_name: "第一支部".into(),
            level: Some(Level::Member),
        };
        assert_eq!(Desk::decode(&desk.encode()), Ok(desk.clone()));
        let newer = desk.encode().replace("\"schema\":2", "\"schema\":3");
        assert!(Desk::decode(&newer).is_err());
        // What the build before this one kept in the tab is taken back.
        let one = r#"{"schema":1,"desk":{"submissions":[{"x":1}],"refusals":[],"branch_name":"一支部","level":null}}"#;
        let taken = Desk::decode(one).unwrap();
        assert_eq!(
            (taken.checks.as_str(), taken.branch_name.as_str()),
            (r#"[{"x":1}]"#, "一支部")
        );
        assert!(Desk::decode("{").is_err());
        assert!(Desk::default().is_empty());
        assert!(!desk.is_empty());
    }
}
