export { apiReferenceRouter, API_REFERENCE_CSP, DOCS_PATH } from './api-reference.router';
export { buildApiReference } from './site';
export { readSdkSources, sdkExamples } from './sdk-examples';
export { repositoryRoot, siteDirectory, SITE_DIRECTORY } from './location';
