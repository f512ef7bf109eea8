/** `cdk synth|deploy|destroy` runs this (infra/cdk.json): the app from afterword.config.json (`-c config=<file>`). */
import { buildApp } from './app.js';

buildApp().app.synth();
