-- Checks the Neovim 0.7 set-up of docs/language-server.md. test-editors/neovim-setup.test.ts
-- loads that set-up with `-u`, opens schema.xml and then runs this file with `-c`, as in:
--
--   nvim --headless --clean -u setup.lua schema.xml -c 'lua dofile(os.getenv("..."))'
--
-- It waits for the diagnostics of schema.xml, opens application.xml next to it and writes the
-- diagnostic codes and each LSP client with the files of its buffers as JSON to
-- $OXIDE_WEBHOOKS_NVIM_RESULT. $OXIDE_WEBHOOKS_NVIM_TIMEOUT is the maximum wait in milliseconds.
-- Neovim exits with status 0 when the diagnostics arrived, and with status 1 otherwise.

local function run()
  local timeout = tonumber(os.getenv('OXIDE_WEBHOOKS_NVIM_TIMEOUT') or '10000')
  local schema_buffer = vim.api.nvim_get_current_buf()
  local arrived = vim.wait(timeout, function()
    return #vim.diagnostic.get(schema_buffer) > 0
  end, 10)
  if not arrived then
    error(string.format('Timed out after %d ms waiting for diagnostics.', timeout), 0)
  end

  local codes = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(schema_buffer)) do
    table.insert(codes, diagnostic.code)
  end

  local folder = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(schema_buffer), ':p:h')
  vim.cmd('edit ' .. vim.fn.fnameescape(folder .. '/application.xml'))

  local clients = {}
  for _, client in ipairs(vim.lsp.get_active_clients()) do
    local files = {}
    for _, bufnr in ipairs(vim.lsp.get_buffers_by_client_id(client.id)) do
      table.insert(files, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':t'))
    end
    table.insert(clients, { name = client.name, files = files })
  end
  return { codes = codes, clients = clients }
end

local function write_result(result)
  local path = os.getenv('OXIDE_WEBHOOKS_NVIM_RESULT')
  if path == nil or path == '' then
    error('OXIDE_WEBHOOKS_NVIM_RESULT is not set. Set it to the file for the result.', 0)
  end
  local file = assert(io.open(path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
end

-- An error must still end Neovim, because a headless Neovim would otherwise wait forever.
local ok, failure = xpcall(function()
  write_result(run())
end, debug.traceback)
if ok then
  vim.cmd('qall!')
else
  io.stderr:write('The documented Neovim set-up failed: ', failure, '\n')
  vim.cmd('cquit 1')
end
