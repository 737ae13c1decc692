// Terraform reads `${...}` and `%{...}` in every string of its JSON as its own template language, so a
// value the user wrote (a handler variable, a filter pattern) that holds either would be interpolated, or
// refused at plan. `$${` and `%%{` are Terraform's literal forms; the emulation reads them back as
// Terraform hands them over.

/** `text` as a Terraform JSON string that Terraform hands over unchanged. */
export function terraformLiteral(text: string): string {
  // Replacements given as functions: in a replacement string, "$$" is one "$".
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** What Terraform makes of a literal written by terraformLiteral. */
export function fromTerraformLiteral(text: string): string {
  return text.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}
