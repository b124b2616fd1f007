-- Drives Neovim's built-in LSP client against the OXIDE Webhooks language server and writes what
-- the editor received as JSON. It uses only API that Neovim 0.7 has (vim.lsp.start_client and
-- vim.lsp.buf_attach_client), and test-editors/neovim.test.ts runs it as:
--
--   nvim --headless --clean -u test-editors/nvim/init.lua
--
-- NOTE: Only Neovim 0.7.2 has run this script. It uses the 0.7 API (vim.lsp.start_client, helpers
-- in vim.lsp.util, client.notify replaced as a field), parts of which later versions deprecate or
-- change, so newer versions may need changes here.
--
-- Environment:
--   OXIDE_WEBHOOKS_NVIM_RESULT   file that receives the JSON result (required)
--   OXIDE_WEBHOOKS_NVIM_SCHEMA   data model to open, by default the asset-tracker-with-mistakes
--                                example of this repository
--   OXIDE_WEBHOOKS_SERVER        bundled server, by default dist/server.js of this repository
--   OXIDE_WEBHOOKS_NODE          Node.js executable, by default `node` on PATH
--   OXIDE_WEBHOOKS_NVIM_TIMEOUT  maximum wait for each response of the server, in milliseconds
--                                (default 10000)
--
-- The script opens the data model and waits for its diagnostics. It requests a completion inside
-- the first webhook `type` value and a hover on the first `<webhook` tag. Then it replaces the
-- value of `type="created"` with `ready` and waits for the diagnostics of the edited version.
-- Neovim exits with status 0 when every step got its response, and with status 1 otherwise. On
-- failure the error goes to stderr and to the `error` field of the result.

local repository = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h:h')

local SEVERITY_NAMES = { 'error', 'warning', 'information', 'hint' }

local function environment(name, default)
  local value = os.getenv(name)
  if value == nil or value == '' then
    return default
  end
  return value
end

local timeout = tonumber(environment('OXIDE_WEBHOOKS_NVIM_TIMEOUT', '10000'))

--- Waits until `condition` returns true and raises an error naming `awaited` on timeout, or as
--- soon as the server has exited without `condition` becoming true.
local function wait_for(awaited, condition, result)
  vim.wait(timeout, function()
    return condition() or result.serverExit ~= nil
  end, 10)
  if condition() then
    return
  end
  if result.serverExit ~= nil then
    local exit = result.serverExit
    error(
      string.format(
        'The server exited with code %d and signal %d while waiting for %s.',
        exit.code,
        exit.signal,
        awaited
      ),
      0
    )
  end
  error(string.format('Timed out after %d ms waiting for %s.', timeout, awaited), 0)
end

--- Converts a byte column of a buffer line to the UTF-16 code units that LSP positions count.
local function lsp_character(bufnr, line, byte_column)
  local text = vim.api.nvim_buf_get_lines(bufnr, line, line + 1, false)[1] or ''
  local _, utf16 = vim.str_utfindex(text, math.min(byte_column, #text))
  return utf16
end

--- Returns the 0-based line and byte column of the first match of a plain `pattern`.
local function find_text(bufnr, pattern)
  for index, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local column = text:find(pattern, 1, true)
    if column ~= nil then
      return index - 1, column - 1
    end
  end
  error(string.format('The buffer contains no "%s".', pattern), 0)
end

--- Returns the diagnostics that Neovim stores for the buffer, with LSP positions.
local function buffer_diagnostics(bufnr, client_id)
  local namespace = vim.lsp.diagnostic.get_namespace(client_id)
  local result = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr, { namespace = namespace })) do
    table.insert(result, {
      code = diagnostic.code,
      range = {
        start = {
          line = diagnostic.lnum,
          character = lsp_character(bufnr, diagnostic.lnum, diagnostic.col),
        },
        ['end'] = {
          line = diagnostic.end_lnum,
          character = lsp_character(bufnr, diagnostic.end_lnum, diagnostic.end_col),
        },
      },
      severity = SEVERITY_NAMES[diagnostic.severity],
      message = diagnostic.message,
    })
  end
  return result
end

--- Moves the cursor to a byte column and sends a request at that position to the server.
local function request_at(bufnr, client_id, method, line, byte_column, extra)
  vim.api.nvim_win_set_cursor(0, { line + 1, byte_column })
  local params = vim.tbl_extend('force', vim.lsp.util.make_position_params(), extra or {})
  local responses, failure = vim.lsp.buf_request_sync(bufnr, method, params, timeout)
  if responses == nil then
    error(string.format('%s failed: %s.', method, tostring(failure)), 0)
  end
  local response = responses[client_id]
  if response == nil then
    error(string.format('%s got no response.', method), 0)
  end
  if response.err ~= nil then
    error(string.format('%s failed: %s', method, vim.inspect(response.err)), 0)
  end
  return params.position, response.result
end

local function request_completion(bufnr, client_id)
  local line, column = find_text(bufnr, '<webhook type="')
  local position, result =
    request_at(bufnr, client_id, 'textDocument/completion', line, column + #'<webhook type="', {
      context = { triggerKind = 1 },
    })
  local items = result or {}
  if items.items ~= nil then
    items = items.items
  end
  local labels = {}
  for _, item in ipairs(items) do
    table.insert(labels, item.label)
  end
  -- The words that Neovim's omnifunc would offer in the completion menu.
  local words = {}
  local complete_items = vim.lsp.util.text_document_completion_list_to_complete_items(items, '')
  for _, item in ipairs(complete_items) do
    table.insert(words, item.word)
  end
  return { position = position, labels = labels, words = words }
end

local function request_hover(bufnr, client_id)
  local line, column = find_text(bufnr, '<webhook')
  -- The cursor goes on the "w" of the tag name.
  local position, result = request_at(bufnr, client_id, 'textDocument/hover', line, column + 1)
  if result == nil or result == vim.NIL then
    return { position = position, markdown = '', lines = 0 }
  end
  -- The lines that Neovim shows in the hover window, without the empty ones.
  local lines = 0
  for _, text in ipairs(vim.lsp.util.convert_input_to_markdown_lines(result.contents)) do
    if text:match('%S') then
      lines = lines + 1
    end
  end
  local markdown = type(result.contents) == 'table' and result.contents.value or result.contents
  return { position = position, markdown = markdown, lines = lines }
end

--- Starts the server, attaches it to the data model's buffer and records each step.
local function run(result)
  vim.opt.swapfile = false
  local schema = environment(
    'OXIDE_WEBHOOKS_NVIM_SCHEMA',
    repository .. '/examples/asset-tracker-with-mistakes/schema.xml'
  )
  local server = environment('OXIDE_WEBHOOKS_SERVER', repository .. '/dist/server.js')
  local node = environment('OXIDE_WEBHOOKS_NODE', 'node')

  vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.fnamemodify(schema, ':p')))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  local published = {}
  local did_change = {}

  local client_id = vim.lsp.start_client({
    name = 'oxide_webhooks',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(schema, ':p:h'),
    settings = { oxideWebhooks = { validation = { delay = 150 } } },
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, params, context, config)
        vim.lsp.diagnostic.on_publish_diagnostics(err, params, context, config)
        if params.uri == uri then
          table.insert(published, params.version or vim.NIL)
        end
      end,
    },
    on_exit = function(code, signal)
      result.serverExit = { code = code, signal = signal }
    end,
  })
  if client_id == nil then
    error('vim.lsp.start_client failed to start ' .. server .. '.', 0)
  end
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    error('vim.lsp.buf_attach_client failed for ' .. uri .. '.', 0)
  end

  -- Record the didChange notifications to show whether Neovim synced the edit incrementally.
  local client = vim.lsp.get_client_by_id(client_id)
  local notify = client.notify
  client.notify = function(method, params)
    if method == 'textDocument/didChange' then
      table.insert(did_change, params)
    end
    return notify(method, params)
  end

  -- Neovim sends didOpen once the server is initialized, and sets the version then.
  local function published_current_version()
    local version = vim.lsp.util.buf_versions[bufnr]
    return version ~= nil and vim.tbl_contains(published, version)
  end

  wait_for('diagnostics of the opened document', published_current_version, result)
  result.diagnostics = buffer_diagnostics(bufnr, client_id)

  result.completion = request_completion(bufnr, client_id)
  result.hover = request_hover(bufnr, client_id)

  local line, column = find_text(bufnr, 'type="created"')
  local start_column = column + #'type="'
  local end_column = start_column + #'created'
  local edit = {
    range = {
      start = { line = line, character = lsp_character(bufnr, line, start_column) },
      ['end'] = { line = line, character = lsp_character(bufnr, line, end_column) },
    },
    newText = 'ready',
  }
  vim.api.nvim_buf_set_text(bufnr, line, start_column, line, end_column, { edit.newText })
  edit.version = vim.lsp.util.buf_versions[bufnr]
  wait_for('diagnostics of the edited document', published_current_version, result)
  edit.didChange = did_change
  edit.diagnostics = buffer_diagnostics(bufnr, client_id)
  result.edit = edit

  vim.lsp.stop_client(client_id)
  wait_for('the server to exit', function()
    return result.serverExit ~= nil
  end, result)
end

local function write_result(path, result)
  local file = assert(io.open(path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

local function main()
  local result_path = os.getenv('OXIDE_WEBHOOKS_NVIM_RESULT')
  if result_path == nil or result_path == '' then
    io.stderr:write('OXIDE_WEBHOOKS_NVIM_RESULT is not set. Set it to the file for the result.\n')
    vim.cmd('cquit 1')
    return
  end
  local version = vim.version()
  local result = { neovim = string.format('%d.%d.%d', version.major, version.minor, version.patch) }
  local ok, failure = xpcall(run, debug.traceback, result)
  if not ok then
    result.error = failure
    io.stderr:write('oxide-webhooks Neovim test failed: ', failure, '\n')
  end
  local written, write_failure = pcall(write_result, result_path, result)
  if not written then
    io.stderr:write(write_failure, '\n')
  end
  vim.cmd(ok and written and 'qall!' or 'cquit 1')
end

-- Start after startup has finished, so the buffer and window exist as in an interactive session.
vim.api.nvim_create_autocmd('VimEnter', { once = true, callback = main })
