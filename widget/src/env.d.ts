/** Types for what Vite provides to the widget sources: CSS imported as a string. */
declare module '*.css?inline' {
  const css: string;
  export default css;
}
