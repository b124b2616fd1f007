// CloudCode task run by the `notify_site_manager` webhook in schema.xml once an inspection
// has an asset. It logs what it receives; a real app would notify the site's manager here.
// NOTE: this example does not show the shape of the argument that the platform passes to a
// webhook-triggered task. Check the CloudCode documentation before reading its fields.
export async function run(params: unknown): Promise<void> {
  console.log('Inspection ready for the site manager:', JSON.stringify(params));
}
