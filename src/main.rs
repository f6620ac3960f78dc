#[cfg(target_arch = "wasm32")]
fn main() {
    mofan::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("模范是浏览器应用：请用 README 中的运行命令（bash scripts/run.sh）构建并打开。");
}
