export { webDistDir } from './dist-dir';
