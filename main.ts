import { environments } from "./config/environments";
import { synthesizeApp } from "./constructs/app";

process.exitCode = synthesizeApp(environments).exitCode;
