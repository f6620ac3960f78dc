//! The command line's arguments and their help, parsed by clap.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "mofan",
    version,
    about = "模范 · 自查自评：在服务器上汇总结果文件、检查评分表",
    long_about = "模范的命令行工具：与浏览器中的支部汇总使用同一套检查和计分。\n\
                  汇总任意数量的结果文件和支部汇总文件，检查评分表文件，或查看一个结果文件的得分。"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 汇总结果文件和支部汇总文件（并行读取；坏文件列出原因，不中断）
    Combine(CombineArgs),
    /// 检查评分表文件（.json、.csv、.xlsx、.xls、.ods），与导入时的提示相同
    Check(CheckArgs),
    /// 显示一个结果文件（或支部汇总文件）的得分
    Summary(SummaryArgs),
}

#[derive(Debug, Args)]
pub struct CombineArgs {
    /// 结果文件，或存放结果文件的文件夹（逐层查找其中的 .json 文件）
    #[arg(required = true, value_name = "目录或文件")]
    pub inputs: Vec<PathBuf>,
    /// 把汇总表写成 CSV（Excel 可直接打开）
    #[arg(long, value_name = "文件")]
    pub csv: Option<PathBuf>,
    /// 把汇总写成 Excel 工作簿（成员得分、各一级指标平均分、等次分布、薄弱项目）
    #[arg(long, value_name = "文件")]
    pub xlsx: Option<PathBuf>,
    /// 把汇总写成支部汇总文件（.json），上级可再次汇总
    #[arg(long, value_name = "文件")]
    pub json: Option<PathBuf>,
    /// 应参加名单：文本文件，每行一个，或用逗号、顿号分隔
    #[arg(long, value_name = "文件")]
    pub roster: Option<PathBuf>,
    /// 本单位导入的评分表文件（内置评分表无需指定）
    #[arg(long = "template", value_name = "文件")]
    pub templates: Vec<PathBuf>,
    /// 汇总层级：按党员，或按支部（默认：导入了支部汇总文件时按支部）
    #[arg(long, value_enum, value_name = "层级")]
    pub level: Option<LevelArg>,
    /// 导出和打印用的支部名称（默认：多数文件所填的支部）
    #[arg(long, value_name = "名称")]
    pub branch: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// 按党员：每人一行
    Member,
    /// 按支部（机关党委）：每个支部一行
    Branch,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// 评分表文件
    #[arg(required = true, value_name = "评分表文件")]
    pub templates: Vec<PathBuf>,
    /// 工作簿有多个工作表时，评分表所在的工作表
    #[arg(long, value_name = "工作表")]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// 结果文件或支部汇总文件
    #[arg(value_name = "文件")]
    pub file: PathBuf,
    /// 本单位导入的评分表文件（内置评分表无需指定）
    #[arg(long = "template", value_name = "文件")]
    pub templates: Vec<PathBuf>,
}
