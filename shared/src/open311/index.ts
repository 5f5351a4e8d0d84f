export * from './services.ts';
export * from './requests.ts';
