//! What the branch desk holds: the self-checks brought in, the files not
//! taken, the branch's name and the level chosen. The desk keeps it for its
//! browser tab, so a reload or a visit to the home page loses nothing.

use crate::core::exchange::branch::{Level, Submission};
use serde::{Deserialize, Serialize};

/// The form this build writes; another one is not read.
pub const DESK_SCHEMA: u32 = 1;

/// A file that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub file: String,
    pub why: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Desk {
    pub submissions: Vec<Submission>,
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
    desk: Desk,
}

impl Desk {
    /// Whether there is anything to keep.
    pub fn is_empty(&self) -> bool {
        self.submissions.is_empty() && self.refusals.is_empty() && self.branch_name.is_empty()
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
        let gone = "上次导入的文件未能恢复，请重新导入";
        let opened: Opened = serde_json::from_str(text).map_err(|_| gone.to_string())?;
        if opened.schema != DESK_SCHEMA {
            return Err(gone.to_string());
        }
        Ok(opened.desk)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_desk_comes_back_as_it_was_kept_and_nothing_else_is_taken() {
        let desk = Desk {
            submissions: Vec::new(),
            refusals: vec![Refusal {
                file: "坏.json".into(),
                why: "不是结果文件".into(),
            }],
            branch_name: "第一支部".into(),
            level: Some(Level::Member),
        };
        assert_eq!(Desk::decode(&desk.encode()), Ok(desk.clone()));
        let newer = desk.encode().replace("\"schema\":1", "\"schema\":2");
        assert!(Desk::decode(&newer).is_err());
        assert!(Desk::decode("{").is_err());
        assert!(Desk::default().is_empty());
        assert!(!desk.is_empty());
    }
}
