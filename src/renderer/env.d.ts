// Vite bundles CSS imported from modules (main.tsx imports the app's stylesheet).
declare module '*.css';
