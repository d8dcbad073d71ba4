// The Lab's live charts (plain SVG line plots, last 60 s), drawn from the engine snapshot only.
export { CombinedChart } from "./CombinedChart.tsx";
export { LaneCharts, LaneThroughputChart } from "./LaneCharts.tsx";
