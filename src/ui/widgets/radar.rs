//! 雷达图 of section rates, drawn as SVG from core's geometry.

use crate::core::assessment::radar::{Radar, SIZE};
use crate::core::Points;
use leptos::prelude::*;

/// One polygon: a CSS class, a legend label, and a rate (percent) per axis.
#[derive(Clone)]
pub struct Series {
    pub class: &'static str,
    pub label: &'static str,
    pub rates: Vec<Points>,
}

#[component]
pub fn RadarChart(labels: Vec<String>, series: Vec<Series>) -> impl IntoView {
    let radar = Radar::new(labels.len());
    let spokes = radar.spokes();
    let spots = radar.label_spots();
    let c = SIZE / 2;
    let summary = series
        .iter()
        .map(|s| {
            let parts: Vec<String> = labels.iter().zip(&s.rates).map(|(l, r)| format!("{l}{r}%")).collect();
            format!("{}：{}", s.label, parts.join("，"))
        })
        .collect::<Vec<_>>()
        .join("；");
    view! {
        <figure class="radar">
            <svg
                viewBox=format!("-220 0 {} {SIZE}", SIZE + 440)
                role="img"
                aria-label=format!("各一级指标得分率雷达图。{summary}")
            >
                {radar.rings().into_iter().map(|p| view! { <polygon class="ring" points=p /> }).collect_view()}
                {spokes.iter().map(|s| view! { <line class="spoke" x1=c y1=c x2=s.x y2=s.y /> }).collect_view()}
                {series
                    .iter()
                    .map(|s| view! { <polygon class=format!("area {}", s.class) points=radar.points_attr(&s.rates) /> })
                    .collect_view()}
                {labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        view! {
                            <text x=spots[i].x y=spots[i].y + 10 text-anchor=radar.label_anchor(i) class="axis-label">
                                {l.clone()}
                            </text>
                        }
                    })
                    .collect_view()}
            </svg>
            <figcaption>
                {series
                    .iter()
                    .map(|s| view! { <span class=format!("legend {}", s.class)>{s.label}</span> })
                    .collect_view()} <span class="hint">"（各一级指标得分率，外圈为100%）"</span>
            </figcaption>
        </figure>
    }
}
