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
    // The drawing box, labels' margins included: (-220, 0) to (1220, 1000).
    let (left, width) = (-220, SIZE + 440);
    view! {
        <figure class="radar">
            // The axis labels are text over the drawing, not in it, so they
            // keep the page's font size (and the user's) whatever the chart's width.
            <div class="radar-box">
                <svg
                    viewBox=format!("{left} 0 {width} {SIZE}")
                    role="img"
                    aria-label=format!("各一级指标得分率雷达图。{summary}")
                >
                    {radar.rings().into_iter().map(|p| view! { <polygon class="ring" points=p /> }).collect_view()}
                    {spokes.iter().map(|s| view! { <line class="spoke" x1=c y1=c x2=s.x y2=s.y /> }).collect_view()}
                    {series
                        .iter()
                        .map(|s| {
                            view! { <polygon class=format!("area {}", s.class) points=radar.points_attr(&s.rates) /> }
                        })
                        .collect_view()}
                </svg>
                {labels
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let x = f64::from(spots[i].x - left) * 100.0 / f64::from(width);
                        let y = f64::from(spots[i].y) * 100.0 / f64::from(SIZE);
                        view! {
                            <span
                                class=format!("axis-label {}", radar.label_anchor(i))
                                aria-hidden="true"
                                // Set through the CSSOM, which the page's CSP allows (a style attribute it would not).
                                style:left=format!("{x:.2}%")
                                style:top=format!("{y:.2}%")
                            >
                                {l.clone()}
                            </span>
                        }
                    })
                    .collect_view()}
            </div>
            <figcaption>
                {series
                    .iter()
                    .map(|s| view! { <span class=format!("legend {}", s.class)>{s.label}</span> })
                    .collect_view()} <span class="radar-note">"（各一级指标得分率，外圈为100%）"</span>
            </figcaption>
        </figure>
    }
}
