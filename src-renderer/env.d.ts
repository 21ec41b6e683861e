// Vite turns CSS imports into style sheets.
declare module '*.css';
