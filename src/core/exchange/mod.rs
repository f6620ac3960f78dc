//! What goes between browsers, people and programs: records as stored
//! ([`record`]), result and branch files with their checksums
//! ([`result_file`]), backups and restoring ([`backup`]), a branch's files
//! combined ([`branch`]), the files of a folder taken ([`folder`]), what the desk keeps for its tab ([`desk`]),
//! what the desk's worker holds for it ([`pile`]) and what the desk asked
//! it for ([`desk_asks`]), reports for Excel as CSV ([`report_csv`]) and as workbooks ([`report_xlsx`]), the bytes of a
//! picked file as text ([`text_file`]), the files worker's jobs
//! ([`file_jobs`]) and the Excel worker's ([`workbook_jobs`]). Imports every other layer; none imports it.

pub mod backup;
pub mod branch;
pub mod desk;
pub mod desk_asks;
pub mod file_jobs;
pub mod folder;
pub mod pile;
pub mod record;
pub mod report_csv;
pub mod report_xlsx;
pub mod result_file;
pub mod text_file;
pub mod workbook_jobs;
