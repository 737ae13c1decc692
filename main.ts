import { environments } from "./config/environments";
import { synthesizeApp } from "./lib/app";

process.exitCode = synthesizeApp(environments).exitCode;
