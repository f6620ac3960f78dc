//! The text of a picked file: which encoding it is in, decided from its
//! bytes, or why it is not text at all. Excel writes CSV as UTF-8 (with or
//! without a byte-order mark) or as GBK/GB18030 on Chinese Windows, and
//! “Unicode 文本” as UTF-16 with a byte-order mark.
//!
//! GB18030 needs tables this module does not carry: the caller passes a
//! decoder for it (the browser's own `TextDecoder`), which must refuse
//! bytes that are not GB18030 rather than replace them.

use std::fmt;

/// Why a file's bytes are not text this app can read, in Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    /// A zip archive: an .xlsx workbook (or .docx, or a zip).
    Workbook,
    /// An OLE compound file: an .xls workbook (or .doc) from older Office.
    OldWorkbook,
    /// Holds NUL bytes without a byte-order mark: binary, or UTF-16 that lost its mark.
    Binary,
    /// Marked as UTF-8 or UTF-16 but broken inside.
    BrokenUnicode,
    /// Neither UTF-8 nor GB18030 (GBK).
    UnknownEncoding,
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NotText::Workbook => {
                "这是Excel工作簿（.xlsx）或压缩文件，不是文本文件。\
                    请在Excel或WPS中“另存为”CSV UTF-8（逗号分隔）格式后再导入"
            }
            NotText::OldWorkbook => {
                "这是旧版Excel工作簿（.xls）或Word文档，不是文本文件。\
                    请在Excel或WPS中“另存为”CSV UTF-8（逗号分隔）格式后再导入"
            }
            NotText::Binary => {
                "文件中含有空字符，不是文本文件（可能选错了文件）。如果是从Excel另存的文件，\
                    请选择“CSV UTF-8（逗号分隔）”格式"
            }
            NotText::BrokenUnicode => {
                "文件开头标明是Unicode（UTF-8或UTF-16）编码，但内容中有无效的字符，\
                文件可能已损坏"
            }
            NotText::UnknownEncoding => {
                "文件的文字编码既不是UTF-8也不是GBK（GB18030），无法读取。\
                    请在Excel中“另存为”CSV UTF-8（逗号分隔）格式后重试"
            }
        })
    }
}

/// A limit on what a picked file may weigh, and what the file should be.
/// Anything heavier is the wrong file, refused before it is read.
#[derive(Debug, Clone, Copy)]
pub struct Expected {
    pub what: &'static str,
    pub max_mb: u32,
}

/// A checklist is a few dozen kilobytes.
pub const TEMPLATE_FILE: Expected = Expected {
    what: "评分表",
    max_mb: 5,
};
/// A result or branch file: a few kilobytes per self-check.
pub const RESULT_FILE: Expected = Expected {
    what: "结果文件",
    max_mb: 20,
};
/// A backup cannot be larger than the browser's storage.
pub const BACKUP_FILE: Expected = Expected {
    what: "备份文件",
    max_mb: 20,
};

impl Expected {
    /// The refusal, in Chinese, for a file of `bytes` heavier than the limit.
    pub fn refuse_size(&self, bytes: f64) -> Result<(), String> {
        if bytes > f64::from(self.max_mb) * 1_000_000.0 {
            return Err(format!(
                "文件超过{}MB，不像是{}，请检查是否选错了文件",
                self.max_mb, self.what
            ));
        }
        Ok(())
    }
}

/// How a zip archive starts: an .xlsx or .ods workbook is one.
const ZIP: &[u8] = b"PK\x03\x04";
/// How an OLE compound file starts: an .xls workbook (or an old Word file) is one.
const OLE: &[u8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";

/// Whether `bytes` could be a workbook (.xlsx, .ods, .xls) rather than text:
/// whether a reader of workbooks should be asked to try them.
pub fn may_be_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(ZIP) || bytes.starts_with(OLE)
}

/// The text of `bytes`: UTF-8 (a byte-order mark is dropped), UTF-16 with a
/// byte-order mark, or else whatever `gb18030` makes of them (it returns
/// `None` for bytes that are not GB18030).
pub fn decode(bytes: &[u8], gb18030: impl FnOnce(&[u8]) -> Option<String>) -> Result<String, NotText> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8(rest.to_vec()).map_err(|_| NotText::BrokenUnicode);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.starts_with(ZIP) {
        return Err(NotText::Workbook);
    }
    if bytes.starts_with(OLE) {
        return Err(NotText::OldWorkbook);
    }
    if bytes.contains(&0) {
        return Err(NotText::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(_) => gb18030(bytes).ok_or(NotText::UnknownEncoding),
    }
}

/// UTF-16 code units from pairs of bytes, each pair read by `unit`.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, NotText> {
    if !bytes.len().is_multiple_of(2) {
        return Err(NotText::BrokenUnicode);
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]])).collect();
    String::from_utf16(&units).map_err(|_| NotText::BrokenUnicode)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_gbk(_: &[u8]) -> Option<String> {
        None
    }

    #[test]
    fn utf8_with_or_without_a_mark() {
        assert_eq!(decode("一级指标,分值".as_bytes(), no_gbk).unwrap(), "一级指标,分值");
        assert_eq!(decode(b"\xef\xbb\xbfa,b", no_gbk).unwrap(), "a,b");
        assert_eq!(decode(b"\xef\xbb\xbf\xff", no_gbk), Err(NotText::BrokenUnicode));
    }

    #[test]
    fn utf16_unicode_text_from_excel() {
        let text = "一级指标\t分值\r\n";
        let le: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xfe, 0xff]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(&le, no_gbk).unwrap(), text);
        assert_eq!(decode(&be, no_gbk).unwrap(), text);
        assert_eq!(decode(&le[..le.len() - 1], no_gbk), Err(NotText::BrokenUnicode));
        // A lone surrogate.
        assert_eq!(decode(b"\xff\xfe\x00\xd8", no_gbk), Err(NotText::BrokenUnicode));
    }

    #[test]
    fn workbooks_and_binary_files_are_named_for_what_they_are() {
        assert_eq!(decode(b"PK\x03\x04\x14\x00", no_gbk), Err(NotText::Workbook));
        assert_eq!(
            decode(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00", no_gbk),
            Err(NotText::OldWorkbook)
        );
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\x00\x00", no_gbk), Err(NotText::Binary));
        assert_eq!(decode(b"a\x00,\x00b\x00", no_gbk), Err(NotText::Binary));
    }

    #[test]
    fn other_bytes_go_to_the_legacy_decoder_which_may_refuse_them() {
        let gbk = b"\xd2\xbb\xbc\xb6\xd6\xb8\xb1\xea"; // 一级指标 in GBK
        let seen = decode(gbk, |b| Some(format!("{} bytes", b.len()))).unwrap();
        assert_eq!(seen, "8 bytes");
        assert_eq!(decode(b"\xfa\xfb\xfc", |_| None), Err(NotText::UnknownEncoding));
        let said = decode(b"\xfa\xfb\xfc", |_| None).unwrap_err().to_string();
        assert!(said.contains("既不是UTF-8也不是GBK"), "{said}");
    }
}
