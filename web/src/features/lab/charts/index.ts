// The Lab's live charts (uPlot lines with HTML axes, marks and a synced readout; last 60 s), drawn from the engine snapshot only.
export { CombinedChart } from "./CombinedChart.tsx";
export { LaneCharts, LaneThroughputChart } from "./LaneCharts.tsx";
