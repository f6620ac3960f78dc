//! `mofan check`: template files checked as the app's import checks them,
//! with the same messages, so an organisation can check its 评分细则 in its
//! own CI. Fails when any file has a problem.

use super::args::CheckArgs;
use super::disk::{read_template, shown};
use std::process::ExitCode;

pub fn run(args: &CheckArgs) -> ExitCode {
    let mut failed = 0;
    for path in &args.templates {
        match read_template(path, args.sheet.as_deref()) {
            Ok(t) => {
                let items: usize = t.sections.iter().map(|s| s.items.len()).sum();
                println!(
                    "通过 {}：{}（第{}版），{} 个一级指标，{} 项，满分 {}",
                    shown(path),
                    t.title,
                    t.version,
                    t.sections.len(),
                    items,
                    t.total
                );
            }
            Err(problems) => {
                failed += 1;
                println!("有误 {}：", shown(path));
                problems.iter().for_each(|p| println!("  {p}"));
            }
        }
    }
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        eprintln!("{failed} 个评分表文件有误");
        ExitCode::FAILURE
    }
}
