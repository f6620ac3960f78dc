//! The 支部汇总 desk's page (`branch.html`): a second app with its own
//! module, so members never download it.

#[cfg(target_arch = "wasm32")]
fn main() {
    mofan::ui::mount_desk();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("这是模范的支部汇总页，只在浏览器中打开。");
}
