// The cdktf template's Jest set-up: toHaveResourceWithProperties and the other Testing matchers.
import "cdktf/lib/testing/adapters/jest";
import { Testing } from "cdktf";

Testing.setupJest();
