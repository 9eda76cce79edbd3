// The demo district, for the tests that import it as realistic data; the stories run as scripts.
export { buildDemoDistrict, DEMO_DISTRICT_CODE } from './org/demo-district';
